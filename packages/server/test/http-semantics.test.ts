import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../src/index.js';
import { agent, post, serve, system } from './helpers.js';

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

  it('405 with Allow for a method a path does not answer, as problem details', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', '/v1/conversations/c-refund', 'GET, HEAD'],
      ['POST', '/v1/events', 'GET, HEAD'],
      ['PUT', '/v1/conversations/c-refund/messages', 'GET, POST, HEAD'],
      ['GET', '/v1/conversations/c-refund/transfer', 'POST'],
      ['POST', '/v1/users/alice', 'PATCH'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await fetch(`${server.url}${path}`, { method, headers: agent('alice'), ...(method === 'GET' ? {} : { body: '{}' }) });
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(response.headers.get('allow'), allow, `${method} ${path}`);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
      const problem = await response.json();
      assert.equal(problem.status, 405);
      assert.equal(problem.code, 'invalid-input');
      assert.match(problem.detail, new RegExp(`does not answer ${method}`));
    }
    // A path no route has is still 404, whatever the method.
    const nowhere = await fetch(`${server.url}/v1/conversations/c-refund/nowhere`, { method: 'DELETE', headers: agent('alice') });
    assert.equal(nowhere.status, 404);
    assert.equal(nowhere.headers.get('allow'), null);
    // Credentials still come first.
    assert.equal((await fetch(`${server.url}/v1/conversations/c-refund`, { method: 'DELETE' })).status, 401);
  });

  it('If-None-Match: 304 for *, a weak tag and a list holding the current tag; 200 otherwise', async () => {
    const url = `${server.url}/v1/conversations/c-refund`;
    const current = (await fetch(url, { headers: agent('alice') })).headers.get('etag')!;
    assert.equal(current, '"1"');
    for (const header of ['"1"', '*', 'W/"1"', '"0", "1"', '"7",W/"1"']) {
      const response = await fetch(url, { headers: { ...agent('alice'), 'if-none-match': header } });
      assert.equal(response.status, 304, header);
      assert.equal(response.headers.get('etag'), current, header);
    }
    for (const header of ['"0"', 'W/"2", "10"', '1', '"11"']) {
      const response = await fetch(url, { headers: { ...agent('alice'), 'if-none-match': header } });
      assert.equal(response.status, 200, header);
      assert.equal((await response.json()).version, 1, header);
    }
    // After a change, the old tag no longer matches.
    assert.equal((await post(server, '/v1/conversations/c-refund/inbound', system, { messageId: 'm-etag', body: 'Hi' })).status, 200);
    assert.equal((await fetch(url, { headers: { ...agent('alice'), 'if-none-match': 'W/"1"' } })).status, 200);
    assert.equal((await fetch(url, { headers: { ...agent('alice'), 'if-none-match': '*' } })).status, 304);
  });

  it('a request line over the parser\'s limit: 431 as problem details', async () => {
    const response = await fetch(`${server.url}/v1/conversations/${'x'.repeat(100_000)}`, { headers: agent('alice') });
    assert.equal(response.status, 431);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    const problem = await response.json();
    assert.equal(problem.status, 431);
    assert.equal(problem.code, 'invalid-input');
    // The server goes on answering.
    assert.equal((await fetch(`${server.url}/v1/me`, { headers: agent('alice') })).status, 200);
  });
});
