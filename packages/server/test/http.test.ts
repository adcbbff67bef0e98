import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../src/index.js';
import { agent, post, serve, system } from './helpers.js';

async function problem(response: Response) {
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  const body = await response.json();
  assert.equal(body.status, response.status, 'the body repeats the status');
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.detail, 'string');
  assert.equal(typeof body.type, 'string');
  if (body.code) assert.equal(body.type, `urn:baton:problem:${body.code}`);
  return body;
}

describe('HTTP statuses and problem details', () => {
  let server: RunningServer;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
  const send = (path: string, headers: Record<string, string>, body: string, method = 'POST') =>
    fetch(`${server.url}${path}`, { method, headers, body });

  it('200 with the version as ETag, 304 when unchanged', async () => {
    const response = await get('/v1/conversations/c-refund', agent('alice'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('etag'), '"1"');
    assert.equal((await response.json()).version, 1);
    const again = await get('/v1/conversations/c-refund', { ...agent('alice'), 'if-none-match': '"1"' });
    assert.equal(again.status, 304);
  });

  it('401 without credentials, with a wrong token, and with a malformed header', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic dG9rZW4tYWxpY2U=' }];
    for (const headers of attempts) {
      const response = await get('/v1/me', headers);
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      const body = await problem(response);
      assert.equal(body.reason, 'unauthenticated');
    }
    const stream = await get('/v1/events');
    assert.equal(stream.status, 401);
  });

  it('403 for plan, permission and assignee refusals, and for acting as someone else', async () => {
    const notAssignee = await send('/v1/conversations/c-refund/transfer', agent('bob'), JSON.stringify({ target: { type: 'user', userId: 'carol' } }));
    assert.equal(notAssignee.status, 403);
    assert.equal((await problem(notAssignee)).code, 'not-assignee');

    const level = await send('/v1/conversations/c-login/takeover', agent('alice'), JSON.stringify({ messageId: 'm-403', body: 'Mine now' }));
    assert.equal(level.status, 403);
    assert.equal((await problem(level)).code, 'missing-permission');

    const target = await send('/v1/conversations/c-refund/transfer', agent('alice'), JSON.stringify({ target: { type: 'user', userId: 'henry' } }));
    assert.equal(target.status, 403);
    assert.equal((await problem(target)).code, 'target-not-permitted');

    const impersonation = await send(
      '/v1/conversations/c-refund/messages',
      agent('bob'),
      JSON.stringify({ actor: { type: 'user', id: 'alice' }, messageId: 'm-imp', body: 'I am Alice' }),
    );
    assert.equal(impersonation.status, 403);
    assert.equal((await problem(impersonation)).reason, 'impersonation');

    const customer = await send('/v1/conversations/c-refund/inbound', agent('alice'), JSON.stringify({ messageId: 'm-fake', body: 'Fake customer' }));
    assert.equal(customer.status, 403, 'customer messages need the system token');

    const systemAsAgent = await get('/v1/me', system);
    assert.equal(systemAsAgent.status, 403);

    const plan = await send('/v1/workspace/plan', system, JSON.stringify({ plan: 'free' }), 'PUT');
    assert.equal(plan.status, 200);
    const refused = await send('/v1/conversations/c-refund/takeover', agent('carol'), JSON.stringify({ messageId: 'm-plan', body: 'Hi' }));
    assert.equal(refused.status, 403);
    const body = await problem(refused);
    assert.equal(body.code, 'plan-required');
    assert.equal(body.params.plan, 'lite');
    assert.equal((await send('/v1/workspace/plan', system, JSON.stringify({ plan: 'total' }), 'PUT')).status, 200);
  });

  it('404 for unknown conversations, conversations the agent may not see, and unknown routes', async () => {
    for (const path of ['/v1/conversations/c-nope', '/v1/conversations/c-vat/messages', '/v1/nowhere']) {
      const response = await get(path, agent('alice'));
      assert.equal(response.status, 404, path);
      assert.equal((await problem(response)).code, 'not-found');
    }
  });

  it('409 version-conflict with the current conversation; 409 for a closed conversation', async () => {
    const conflict = await send('/v1/conversations/c-refund/messages', agent('alice'), JSON.stringify({ messageId: 'm-409', body: 'Hello', expectedVersion: 0 }));
    assert.equal(conflict.status, 409);
    const body = await problem(conflict);
    assert.equal(body.code, 'version-conflict');
    assert.equal(body.conversation.id, 'c-refund');
    assert.equal(body.conversation.version, 1);

    const closed = await send('/v1/conversations/c-export/close', agent('carol'), JSON.stringify({}));
    assert.equal(closed.status, 409);
    const closedBody = await problem(closed);
    assert.equal(closedBody.code, 'conversation-closed');
    assert.equal(closedBody.conversation.status, 'closed');
  });

  it('413 for a body over the limit', async () => {
    const response = await send('/v1/conversations/c-refund/messages', agent('alice'), JSON.stringify({ messageId: 'm-big', body: 'x'.repeat(70_000) }));
    assert.equal(response.status, 413);
    assert.equal((await problem(response)).code, 'invalid-input');
  });

  it('415 for a body that is not JSON', async () => {
    const response = await send('/v1/conversations/c-refund/messages', { ...agent('alice'), 'content-type': 'text/plain' }, 'hello');
    assert.equal(response.status, 415);
    assert.equal((await problem(response)).code, 'invalid-input');
  });

  it('422 invalid-input for malformed requests of every kind, and empty-message', async () => {
    const cases: [string, string][] = [
      ['malformed JSON', '{"messageId": '],
      ['not an object', '[1, 2]'],
      ['missing body', '{"messageId": "m-1"}'],
      ['wrong type', '{"messageId": 5, "body": "x"}'],
      ['unknown field', '{"messageId": "m-1", "body": "x", "role": "admin"}'],
      ['__proto__ key', '{"messageId": "m-1", "body": "x", "__proto__": {"admin": true}}'],
      ['constructor key', '{"messageId": "m-1", "body": "x", "constructor": {"prototype": {}}}'],
      ['negative version', '{"messageId": "m-1", "body": "x", "expectedVersion": -1}'],
      ['a client-chosen time', '{"messageId": "m-1", "body": "x", "at": 0}'],
      ['empty id', '{"messageId": "", "body": "x"}'],
    ];
    for (const [name, body] of cases) {
      const response = await send('/v1/conversations/c-refund/messages', agent('alice'), body);
      assert.equal(response.status, 422, name);
      assert.equal((await problem(response)).code, 'invalid-input', name);
    }
    const query = await get('/v1/conversations?status=sleeping', agent('alice'));
    assert.equal(query.status, 422);
    const lastEventId = await get('/v1/events', { ...agent('alice'), 'last-event-id': 'yesterday' });
    assert.equal(lastEventId.status, 422);
    const empty = await post(server, '/v1/conversations/c-refund/messages', agent('alice'), { messageId: 'm-empty', body: '  ' });
    assert.equal(empty.status, 422);
    assert.equal(empty.body.code, 'empty-message');
    assert.equal(empty.type, 'application/problem+json');
  });

  it('never a 500 for bad input', async () => {
    const bodies = ['', 'null', 'true', '"x"', '{', '{}', '{"target": null}', '{"target": {"type": "user"}}', '{"target": {"type": "robot"}}', '\u0000', '{"a":'.repeat(2000)];
    const paths = ['messages', 'transfer', 'takeover', 'claim', 'close', 'handoff', 'inbound'];
    for (const path of paths)
      for (const body of bodies) {
        const response = await send(`/v1/conversations/c-refund/${path}`, agent('alice'), body);
        assert.ok(response.status < 500, `${path} with ${JSON.stringify(body.slice(0, 20))}: ${response.status}`);
        assert.equal(response.headers.get('content-type')?.startsWith('application/'), true);
      }
    const weird = await get(`/v1/conversations/${'%E0%A4%A'}`, agent('alice'));
    assert.ok(weird.status < 500);
    const long = await get(`/v1/conversations/${'x'.repeat(300)}`, agent('alice'));
    assert.equal(long.status, 422);
  });
});
