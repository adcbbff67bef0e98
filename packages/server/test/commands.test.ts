import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../src/index.js';
import { agent, post, serve } from './helpers.js';

describe('commands over HTTP', () => {
  let server: RunningServer;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  it('a message sent twice with one id is stored once; the retry gets the first result', async () => {
    const body = { messageId: 'm-twice', body: 'The refund is on its way.' };
    const first = await post(server, '/v1/conversations/c-refund/messages', agent('alice'), body);
    const second = await post(server, '/v1/conversations/c-refund/messages', agent('alice'), body);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(first.body.duplicate, false);
    assert.equal(second.body.duplicate, true);
    assert.equal(second.body.conversation.version, first.body.conversation.version);
    const messages = await (await fetch(`${server.url}/v1/conversations/c-refund/messages`, { headers: agent('alice') })).json();
    assert.equal(messages.filter((m: { id: string }) => m.id === 'm-twice').length, 1);
    assert.equal(server.service.state.conversations.get('c-refund')?.version, first.body.conversation.version);
  });

  it('two clients taking over the same conversation at once: one 200, one 409 with the winner', async () => {
    const version = server.service.state.conversations.get('c-login')!.version;
    const takeover = (userId: string) =>
      post(server, '/v1/conversations/c-login/takeover', agent(userId), { messageId: `race-${userId}`, body: `${userId} here`, expectedVersion: version });
    const [carol, frank] = await Promise.all([takeover('carol'), takeover('frank')]);
    assert.deepEqual([carol.status, frank.status].sort(), [200, 409]);
    const [won, lost] = carol.status === 200 ? [carol, frank] : [frank, carol];
    assert.equal(lost.body.code, 'version-conflict');
    assert.equal(lost.type, 'application/problem+json');
    assert.deepEqual(lost.body.conversation.assignee, won.body.conversation.assignee);
    assert.equal(lost.body.conversation.version, version + 1);
    assert.equal(server.service.state.messages.get('c-login')!.filter((m) => m.body.endsWith(' here')).length, 1);
  });

  it('many takeovers racing from one version: exactly one winner', async () => {
    const version = server.service.state.conversations.get('c-shipping')!.version;
    const racers = ['bob', 'carol', 'frank', 'alice', 'dave'];
    const results = await Promise.all(
      racers.map((userId) =>
        post(server, '/v1/conversations/c-shipping/takeover', agent(userId), { messageId: `many-${userId}`, body: 'Mine', expectedVersion: version }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 1);
    for (const r of results.filter((r) => r.status !== 200)) assert.ok([403, 409].includes(r.status), `${r.status} ${r.body.code}`);
    assert.equal(server.service.state.conversations.get('c-shipping')!.version, version + 1);
  });

  it('the actor is the credential: the command acts for the token holder only', async () => {
    const result = await post(server, '/v1/conversations/c-refund/messages', agent('alice'), {
      actor: { type: 'user', id: 'alice' },
      messageId: 'm-self',
      body: 'Me, myself',
    });
    assert.equal(result.status, 200);
    const sent = server.service.state.messages.get('c-refund')!.find((m) => m.id === 'm-self');
    assert.deepEqual(sent?.author, { type: 'user', id: 'alice' });
  });

  it("a command's result carries none of the notifications addressed to others", async () => {
    // Carol takes over Alice's chat: Alice is told, and that notification is Alice's alone.
    const taken = server.service.state.conversations.get('c-refund')!;
    assert.deepEqual(taken.assignee, { type: 'user', id: 'alice' });
    let told = false;
    const stop = server.service.listen(({ event }) => {
      if (event.type === 'notification' && event.notification.userId === 'alice') told = true;
    });
    const result = await post(server, '/v1/conversations/c-refund/takeover', agent('carol'), { messageId: 'm-notify', body: 'Carol here' });
    stop();
    assert.equal(result.status, 200);
    assert.ok(told, 'the command did notify alice');
    assert.ok(result.body.events.some((e: { type: string }) => e.type === 'conversation'));
    assert.ok(!result.body.events.some((e: { type: string; notification?: { userId: string } }) => e.type === 'notification' && e.notification?.userId !== 'carol'));
  });
});
