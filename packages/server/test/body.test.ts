import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createDemoSnapshot } from '@baton/sdk';
import { createBaton, type RunningServer } from '../src/index.js';
import { agent, serve, steppingClock, SYSTEM_TOKEN } from './helpers.js';

/**
 * Under Node the server reads request bodies from Node's stream; elsewhere (`app.fetch` as a
 * plain fetch handler) from the web Request. Both must answer every body alike.
 */
describe('request bodies: the same answers through Node and through app.fetch alone', () => {
  let server: RunningServer;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  /** A fresh workspace per request on the app.fetch side, so both sides start from the same state. */
  const viaFetch = (path: string, init: RequestInit) =>
    createBaton({ seed: createDemoSnapshot(), systemToken: SYSTEM_TOKEN, now: steppingClock() }).app.fetch(new Request(`http://baton.test${path}`, init));
  const viaNode = (path: string, init: RequestInit) => fetch(`${server.url}${path}`, init);

  const chunked = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let at = 0; at < bytes.length; at += 16_384) controller.enqueue(bytes.subarray(at, at + 16_384));
        controller.close();
      },
    });

  /** One byte per character: what a client that encodes as ISO-8859-1 sends. */
  const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  const json = { ...agent('alice') };
  const noType = { authorization: agent('dave').authorization };
  const cases: { name: string; path: string; init: () => RequestInit; status: number; code?: string; sent?: string }[] = [
    { name: 'a JSON message', path: '/v1/conversations/c-refund/messages', init: () => ({ method: 'POST', headers: json, body: '{"messageId":"m-a","body":"Hello"}' }), status: 200, sent: 'Hello' },
    { name: 'a JSON message after a UTF-8 BOM', path: '/v1/conversations/c-refund/messages', init: () => ({ method: 'POST', headers: json, body: '\uFEFF{"messageId":"m-b","body":"Grüße ✓"}' }), status: 200, sent: 'Grüße ✓' },
    { name: 'malformed JSON', path: '/v1/conversations/c-refund/messages', init: () => ({ method: 'POST', headers: json, body: '{"messageId":' }), status: 422, code: 'invalid-input' },
    { name: 'an empty body where one is required', path: '/v1/conversations/c-refund/messages', init: () => ({ method: 'POST', headers: json, body: '' }), status: 422, code: 'invalid-input' },
    { name: 'a body over the limit, with its length', path: '/v1/conversations/c-refund/messages', init: () => ({ method: 'POST', headers: json, body: JSON.stringify({ messageId: 'm-c', body: 'x'.repeat(70_000) }) }), status: 413, code: 'invalid-input' },
    {
      name: 'a body over the limit, chunked without a length',
      path: '/v1/conversations/c-refund/messages',
      init: () => ({ method: 'POST', headers: json, body: chunked(JSON.stringify({ messageId: 'm-d', body: 'x'.repeat(70_000) })), duplex: 'half' }) as RequestInit,
      status: 413,
      code: 'invalid-input',
    },
    {
      name: 'a chunked body within the limit',
      path: '/v1/conversations/c-refund/messages',
      init: () => ({ method: 'POST', headers: json, body: chunked(JSON.stringify({ messageId: 'm-e', body: 'y'.repeat(19_000) })), duplex: 'half' }) as RequestInit,
      status: 200,
      sent: 'y'.repeat(19_000),
    },
    { name: 'a JSON body declared in another charset', path: '/v1/conversations/c-refund/messages', init: () => ({ method: 'POST', headers: { ...json, 'content-type': 'application/json; charset=iso-8859-1' }, body: latin1('{"messageId":"m-l1","body":"caf\xe9"}') }), status: 415, code: 'invalid-input' },
    { name: 'a JSON body declared UTF-8, quoted and in capitals', path: '/v1/conversations/c-refund/messages', init: () => ({ method: 'POST', headers: { ...json, 'content-type': 'application/json; charset="UTF-8"' }, body: '{"messageId":"m-u8","body":"café"}' }), status: 200, sent: 'café' },
    { name: 'a JSON body with bytes that are not UTF-8', path: '/v1/conversations/c-refund/messages', init: () => ({ method: 'POST', headers: json, body: latin1('{"messageId":"m-l2","body":"caf\xe9"}') }), status: 422, code: 'invalid-input' },
    { name: 'a body that is not JSON', path: '/v1/conversations/c-refund/messages', init: () => ({ method: 'POST', headers: { ...json, 'content-type': 'text/plain' }, body: 'hello' }), status: 415, code: 'invalid-input' },
    { name: 'a claim with a body and no content type', path: '/v1/conversations/c-invoice/claim', init: () => ({ method: 'POST', headers: noType, body: '{"body":"Dave here"}' }), status: 415, code: 'invalid-input' },
    { name: 'a claim with no body at all', path: '/v1/conversations/c-invoice/claim', init: () => ({ method: 'POST', headers: noType }), status: 200 },
  ];

  for (const c of cases)
    it(`${c.name}: ${c.status}${c.code ? ` ${c.code}` : ''}`, async () => {
      for (const [side, send] of [['node', viaNode], ['app.fetch', viaFetch]] as const) {
        const response = await send(c.path, c.init());
        const body = await response.json();
        assert.equal(response.status, c.status, `${side}: ${JSON.stringify(body).slice(0, 200)}`);
        if (c.code) assert.equal(body.code, c.code, side);
        if (c.sent !== undefined)
          assert.equal(body.events.find((e: { message?: { body: string } }) => e.message)?.message.body, c.sent, `${side}: the message as sent`);
      }
    });

  // Credentials are checked before a body is read: a request without them costs the server
  // no body. Each request below announces a body it never sends, so a server that read the
  // body first would never answer (5 s is far past any answer here: a liveness bound, not a timing).
  const answered = <T>(promise: T | Promise<T>) =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer: the server waited for the body')), 5_000).unref())]);
  it('a request without valid credentials: 401 before its body is read (node)', async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    try {
      const head = await answered(new Promise<string>((resolve, reject) => {
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('\r\n\r\n')) resolve(text);
        });
        socket.on('error', reject);
        socket.on('close', () => reject(new Error(`the connection closed after ${JSON.stringify(text)}`)));
        socket.write(
          'POST /v1/conversations/c-refund/messages HTTP/1.1\r\nHost: baton.test\r\nAuthorization: Bearer not-a-token\r\n' +
            'Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"messageId":',
        );
      }));
      assert.match(head, /^HTTP\/1\.1 401 /);
    } finally {
      socket.destroy();
    }
  });

  it('a request without valid credentials: 401 before its body is read (app.fetch)', async () => {
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('{"messageId":'));
        // Never closes: a read to the end would not return.
        return new Promise(() => {});
      },
    });
    const response = await answered(viaFetch('/v1/conversations/c-refund/messages', {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-token', 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit));
    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, 'missing-permission');
  });

  it('a client that goes away mid-body changes nothing, and the server goes on answering', async () => {
    const { port } = new URL(server.url);
    const before = await (await fetch(`${server.url}/v1/conversations/c-refund/messages`, { headers: json })).json();
    const body = JSON.stringify({ messageId: 'm-cut', body: 'never whole' });
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.write(
        `POST /v1/conversations/c-refund/messages HTTP/1.1\r\nHost: baton.test\r\nAuthorization: ${json.authorization}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
        () => resolve(),
      );
    });
    // Long enough for the server to be reading the body when the client goes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await fetch(`${server.url}/v1/conversations/c-refund/messages`, { headers: json });
    assert.equal(after.status, 200);
    assert.deepEqual(await after.json(), before, 'no message from the cut request');
    const next = await fetch(`${server.url}/v1/conversations/c-refund/messages`, { method: 'POST', headers: json, body: JSON.stringify({ messageId: 'm-after-cut', body: 'Whole' }) });
    assert.equal(next.status, 200);
  });
});
