import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../src/index.js';
import { agent, serve } from './helpers.js';

describe('HTTP semantics', () => {
  let server: RunningServer;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  it('HEAD /v1/events answers the headers of the stream, opens none and logs nothing', async (t) => {
    const logged = t.mock.method(console, 'error', () => {});
    const response = await fetch(`${server.url}/v1/events`, { method: 'HEAD', headers: agent('alice') });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(await response.text(), '');
    // What the failed second response would log comes after the first one is sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(logged.mock.callCount(), 0, String(logged.mock.calls[0]?.arguments[0]));
  });
});
