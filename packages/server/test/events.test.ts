import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { RunningServer } from '../src/index.js';
import { agent, batonEvents, post, readStream, serve, system, type SseMessage } from './helpers.js';

const conversationOf = (event: { type: string; [key: string]: any }) =>
  event.type === 'conversation' ? event.conversation.id : event.type === 'notification' ? event.notification.conversationId : null;

describe('GET /v1/events', () => {
  let server: RunningServer;
  beforeEach(async () => {
    server = await serve({ heartbeatMs: 50 });
  });
  afterEach(async () => {
    await server.close();
  });
  const events = `/v1/events`;

  it("delivers a transfer to a second client's stream", async () => {
    const messages = await readStream(
      server.url + events,
      agent('carol'),
      (m) => batonEvents(m).some((e) => e.event.type === 'notification'),
      { onOpen: () => post(server, '/v1/conversations/c-refund/transfer', agent('alice'), { target: { type: 'user', userId: 'carol' }, note: 'For you' }).then(() => {}) },
    );
    const received = batonEvents(messages);
    const change = received.find((e) => e.event.type === 'conversation');
    assert.equal(change?.event.conversation.id, 'c-refund');
    assert.deepEqual(change?.event.conversation.assignee, { type: 'user', id: 'carol' });
    assert.equal(change?.event.entry.action, 'transfer');
    assert.equal(change?.event.entry.note, 'For you');
    const notice = received.find((e) => e.event.type === 'notification');
    assert.equal(notice?.event.notification.userId, 'carol');
    assert.equal(notice?.event.notification.kind, 'assigned');
  });

  it('tells whoever loses sight of a conversation where it went, without the note that came with it', async () => {
    // c-vat is Billing's ticket. Bob (team level, Support) sees it while Carol of Support holds it.
    const first = await post(server, '/v1/conversations/c-vat/transfer', agent('dave'), { target: { type: 'user', userId: 'carol' } });
    assert.equal(first.status, 200);
    const messages = await readStream(
      server.url + events,
      agent('bob'),
      (m) => batonEvents(m).some((e) => e.event.type === 'conversation'),
      { onOpen: () => post(server, '/v1/conversations/c-vat/transfer', agent('carol'), { target: { type: 'user', userId: 'dave' }, note: 'VAT id is DE123' }).then(() => {}) },
    );
    const change = batonEvents(messages).find((e) => e.event.type === 'conversation');
    assert.equal(change?.event.conversation.id, 'c-vat');
    assert.deepEqual(change?.event.conversation.assignee, { type: 'user', id: 'dave' });
    assert.equal(change?.event.entry.note, null);
    assert.doesNotMatch(JSON.stringify(messages), /DE123/);
  });

  it('sends heartbeats while nothing happens', async () => {
    const messages = await readStream(server.url + events, agent('alice'), (m) => m.filter((x) => x.event === 'heartbeat').length >= 2);
    assert.ok(messages.filter((m) => m.event === 'heartbeat').length >= 2);
  });

  it('resumes with Last-Event-ID and misses nothing', async () => {
    const say = (n: number) => post(server, '/v1/conversations/c-refund/messages', agent('alice'), { messageId: `m-resume-${n}`, body: `Update ${n}` });
    // First connection: sees two messages, then drops.
    const first = batonEvents(
      await readStream(server.url + events, agent('alice'), (m) => batonEvents(m).length >= 2, {
        onOpen: async () => {
          await say(1);
          await say(2);
        },
      }),
    );
    assert.equal(first.length, 2);
    const lastSeen = first.at(-1)!.id;
    // While disconnected, more happens.
    for (let n = 3; n <= 6; n++) await say(n);
    const resumed = batonEvents(
      await readStream(server.url + events, { ...agent('alice'), 'last-event-id': String(lastSeen) }, (m) => batonEvents(m).length >= 4),
    );
    assert.deepEqual(
      resumed.map((e) => e.event.message?.id),
      ['m-resume-3', 'm-resume-4', 'm-resume-5', 'm-resume-6'],
    );
    const ids = [...first, ...resumed].map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ids only grow');
    assert.equal(new Set(ids).size, ids.length, 'nothing twice');
    // The system stream, replayed from the start, holds the same events under the same ids.
    const all = batonEvents(await readStream(server.url + events, { ...system, 'last-event-id': '0' }, (m) => batonEvents(m).length >= 6));
    assert.deepEqual(all.map((e) => e.id), ids);
  });

  it('a resume from a position the server does not know sends reset', async () => {
    const messages = batonEvents(await readStream(server.url + events, { ...agent('alice'), 'last-event-id': '999' }, (m) => batonEvents(m).length >= 1));
    assert.equal(messages[0].event.type, 'reset');
  });

  it('a resume from a position of a previous server sends reset, not that server\'s events', async () => {
    const say = (on: RunningServer, n: number) => post(on, '/v1/conversations/c-refund/messages', agent('alice'), { messageId: `m-history-${n}`, body: `Update ${n}` });
    assert.equal((await say(server, 1)).status, 200);
    const position = server.service.lastEventId;
    await server.close();
    // The same workspace served afresh, where more has happened since than the client saw.
    server = await serve({ heartbeatMs: 50 });
    for (let n = 2; n <= 4; n++) assert.equal((await say(server, n)).status, 200);
    // Read up to the bare id line that says the replay is over.
    const caughtUp = (m: SseMessage[]) => m.some((x) => x.id !== undefined && x.event === undefined);
    const messages = batonEvents(await readStream(server.url + events, { ...agent('alice'), 'last-event-id': String(position) }, caughtUp));
    assert.deepEqual(messages.map((e) => e.event.type), ['reset'], 'nothing of the other history');
    // Its own positions still resume, and 0 is the start of any history.
    const own = batonEvents(await readStream(server.url + events, { ...agent('alice'), 'last-event-id': String(server.service.lastEventId - 1) }, (m) => batonEvents(m).length >= 1));
    assert.notEqual(own[0].event.type, 'reset');
    const all = batonEvents(await readStream(server.url + events, { ...system, 'last-event-id': '0' }, (m) => batonEvents(m).some((e) => e.event.message?.id === 'm-history-4')));
    assert.deepEqual(all.map((e) => e.event.message?.id).filter(Boolean), ['m-history-2', 'm-history-3', 'm-history-4']);
  });

  it("carries nothing of conversations the agent may not see, nor others' notifications", async () => {
    const hidden = ['c-vat', 'c-upgrade', 'c-invoice'];
    const messages = await readStream(
      server.url + events,
      agent('alice'),
      (m) => batonEvents(m).some((e) => e.event.type === 'conversation' && e.event.message?.id === 'm-sentinel'),
      {
        onOpen: async () => {
          // Billing work that Alice (Support, individual level) may not see.
          assert.equal((await post(server, '/v1/conversations/c-vat/messages', agent('dave'), { messageId: 'm-vat', body: 'VAT added' })).status, 200);
          assert.equal((await post(server, '/v1/conversations/c-invoice/claim', agent('dave'), {})).status, 200);
          assert.equal((await post(server, '/v1/conversations/c-upgrade/inbound', system, { messageId: 'm-up', body: 'Hello?' })).status, 200);
          assert.equal((await post(server, '/v1/conversations/c-vat/close', agent('dave'), {})).status, 200);
          // Support work Alice is not told about: Carol takes over Bob's chat (Bob is told, not Alice).
          assert.equal((await post(server, '/v1/conversations/c-login/takeover', agent('carol'), { messageId: 'm-take', body: 'Carol here' })).status, 200);
          assert.equal((await post(server, '/v1/conversations/c-refund/messages', agent('alice'), { messageId: 'm-sentinel', body: 'Done' })).status, 200);
        },
      },
    );
    const received = batonEvents(messages);
    assert.ok(received.length >= 2, 'the stream did carry what Alice may see');
    for (const { event } of received) {
      assert.ok(!hidden.includes(conversationOf(event)!), `leaked ${JSON.stringify(event).slice(0, 120)}`);
      if (event.type === 'notification') assert.equal(event.notification.userId, 'alice');
    }
    // She does see her team's conversation change (Support's c-login), as her inbox should.
    assert.ok(received.some((e) => conversationOf(e.event) === 'c-login'));
    // And the system saw the hidden ones: the filter, not a lack of events, kept them out.
    const all = batonEvents(await readStream(server.url + events, { ...system, 'last-event-id': '0' }, (m) => batonEvents(m).length >= received.length + 4));
    assert.ok(all.some((e) => hidden.includes(conversationOf(e.event)!)));
  });
});
