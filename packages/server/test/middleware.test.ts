import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createDemoSnapshot } from '@baton/sdk';
import { createBaton, createBatonMiddleware } from '../src/index.js';

describe('createBatonMiddleware', () => {
  it('serves /v1 inside another Node server (as in Vite) and passes every other request on', async () => {
    const { app, service } = createBaton({ seed: createDemoSnapshot() });
    const baton = createBatonMiddleware(app);
    const host = createServer((request, response) =>
      baton(request, response, () => {
        response.statusCode = 200;
        response.end('the host page');
      }),
    );
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    try {
      const me = await fetch(`${url}/v1/me`, { headers: { authorization: 'Bearer token-bob' } });
      assert.equal(me.status, 200);
      assert.equal((await me.json()).id, 'bob');
      const page = await fetch(`${url}/index.html`);
      assert.equal(await page.text(), 'the host page');
      const lookalike = await fetch(`${url}/v1x`);
      assert.equal(await lookalike.text(), 'the host page');
    } finally {
      await new Promise((resolve) => host.close(resolve));
      service.close();
    }
  });
});
