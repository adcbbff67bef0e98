import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BatonError, createMemoryBackend, demoSnapshot, type BatonEvent } from '../src/index.js';
import { conversation, mine, user, workspace } from './fixtures.js';

const carol = { type: 'user', id: 'carol' } as const;
const fixedClock = () => demoSnapshot.clock! + 1000;

async function rejects(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof BatonError);
    assert.equal(error.code, code);
    return true;
  });
}

describe('memory backend', () => {
  test('applies commands atomically and bumps the version', async () => {
    const backend = createMemoryBackend(demoSnapshot, { now: fixedClock });
    const result = await backend.execute({ type: 'takeover', actor: carol, conversationId: 'c-refund', expectedVersion: 1, messageId: 'm-x', body: 'Carol here' });
    assert.equal(result.conversation?.version, 2);
    assert.deepEqual(result.conversation?.assignee, { type: 'user', id: 'carol' });
    assert.equal((await backend.messages('carol', 'c-refund')).at(-1)?.body, 'Carol here');
  });

  test('a stale expectedVersion is refused with version-conflict and the current conversation', async () => {
    const backend = createMemoryBackend(demoSnapshot, { now: fixedClock });
    await backend.execute({ type: 'takeover', actor: carol, conversationId: 'c-refund', expectedVersion: 1, messageId: 'm-1', body: 'Mine' });
    const error = await backend
      .execute({ type: 'takeover', actor: { type: 'user', id: 'bob' }, conversationId: 'c-refund', expectedVersion: 1, messageId: 'm-2', body: 'No, mine' })
      .catch((e: BatonError) => e);
    assert.ok(error instanceof BatonError);
    assert.equal(error.code, 'version-conflict');
    assert.deepEqual(error.conversation?.assignee, { type: 'user', id: 'carol' });
  });

  test('of 20 takeovers at once, exactly one wins', async () => {
    const backend = createMemoryBackend(demoSnapshot, { now: fixedClock });
    const racers = ['bob', 'carol', 'frank'].flatMap((id) => Array.from({ length: 7 }, (_, i) => ({ id, i }))).slice(0, 20);
    const outcomes = await Promise.allSettled(
      racers.map(({ id, i }) =>
        backend.execute({ type: 'takeover', actor: { type: 'user', id }, conversationId: 'c-refund', expectedVersion: 1, messageId: `race-${id}-${i}`, body: 'Mine' }),
      ),
    );
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    for (const o of outcomes) if (o.status === 'rejected') assert.equal((o.reason as BatonError).code, 'version-conflict');
    assert.equal((await backend.messages('frank', 'c-refund')).filter((m) => m.body === 'Mine').length, 1);
  });

  test('a repeated message id returns the first result and stores one message', async () => {
    const backend = createMemoryBackend(demoSnapshot, { now: fixedClock });
    const command = { type: 'send', actor: { type: 'user', id: 'alice' }, conversationId: 'c-refund', messageId: 'm-once', body: 'Once' } as const;
    const first = await backend.execute(command);
    const second = await backend.execute(command);
    assert.equal(second.duplicate, true);
    assert.equal(second.conversation?.version, first.conversation?.version);
    assert.equal((await backend.messages('alice', 'c-refund')).filter((m) => m.id === 'm-once').length, 1);
  });

  test('who loses sight of a conversation through the event gets where it went, not what was said', async () => {
    // The chat is of a teamspace Bob's team does not work in: Bob (team level) sees it through
    // Alice, his teammate, who holds it, until she transfers it to Wes.
    const snapshot = workspace({
      users: [user('alice'), user('bob', { level: 'team' }), user('wes', { level: 'workspace' })],
      teams: { support: ['alice', 'bob'], far: ['wes'] },
      links: { far: ['other'] },
      conversations: [conversation('c', mine('alice', { teamspace: 'other', origin: null }))],
    });
    const backend = createMemoryBackend(snapshot);
    const seen: Record<string, BatonEvent[]> = { alice: [], bob: [], wes: [] };
    for (const id of Object.keys(seen)) backend.subscribe(id, (event) => seen[id].push(event));
    assert.equal((await backend.conversation('bob', 'c')).id, 'c', 'Bob sees it before');
    const result = await backend.execute({ type: 'transfer', actor: { type: 'user', id: 'alice' }, conversationId: 'c', targetUserId: 'wes', note: 'Refund approved, card ends 4242' });
    const [toBob] = seen.bob.filter((e) => e.type === 'conversation');
    const [toWes] = seen.wes.filter((e) => e.type === 'conversation');
    assert.ok(toBob && toBob.type === 'conversation' && toWes && toWes.type === 'conversation');
    assert.deepEqual(toBob.conversation.assignee, { type: 'user', id: 'wes' }, 'Bob learns it moved');
    assert.equal(toBob.entry?.note, null, 'but not the note');
    assert.equal(toWes.entry?.note, 'Refund approved, card ends 4242');
    assert.equal(result.conversation?.id, 'c', 'Alice is told where her own transfer took it, as the server tells her');
    await assert.rejects(backend.conversation('bob', 'c'), (e: BatonError) => e.code === 'not-found', 'and he no longer sees it');
  });

  test("the backend's clock dates every command: a caller's own time is not taken", async () => {
    const backend = createMemoryBackend(demoSnapshot, { now: () => demoSnapshot.clock! + 1000 });
    const send = (messageId: string, at: number) =>
      backend.execute({ type: 'send', actor: { type: 'user', id: 'alice' }, conversationId: 'c-refund', messageId, body: 'Hi', at });
    await send('m-past', 0);
    await send('m-future', 8.64e15);
    const messages = await backend.messages('alice', 'c-refund');
    for (const id of ['m-past', 'm-future']) assert.equal(messages.find((m) => m.id === id)?.at, demoSnapshot.clock! + 1000, id);
  });

  test('publishes events to each viewer who may see them', async () => {
    const snapshot = workspace({
      users: [user('alice'), user('bob'), user('olga', { level: 'team' })],
      teams: { support: ['alice', 'bob'], outside: ['olga'] },
      links: { outside: ['other'] },
      conversations: [conversation('c', mine('alice', { team: 'support' }))],
    });
    const backend = createMemoryBackend(snapshot);
    const seen: Record<string, BatonEvent[]> = { alice: [], bob: [], olga: [] };
    for (const id of Object.keys(seen)) backend.subscribe(id, (event) => seen[id].push(event));
    await backend.execute({ type: 'transfer', actor: { type: 'user', id: 'alice' }, conversationId: 'c', targetUserId: 'bob', note: 'yours' });
    const conv = (events: BatonEvent[]) => events.filter((e) => e.type === 'conversation');
    assert.equal(conv(seen.alice).length, 1, 'alice sees the conversation she gave away');
    assert.equal(conv(seen.bob).length, 1);
    assert.equal(conv(seen.olga).length, 0, 'olga (a team of another teamspace) may not see it');
    assert.deepEqual(seen.bob.filter((e) => e.type === 'notification').map((e) => e.type === 'notification' && e.notification.kind), ['assigned']);
    assert.equal(seen.alice.filter((e) => e.type === 'notification').length, 0, 'nobody is notified of their own action');
    await rejects(backend.log('olga', 'c'), 'not-found');
  });

  test('queries: filters, log, candidates', async () => {
    const backend = createMemoryBackend(demoSnapshot, { now: fixedClock });
    assert.deepEqual((await backend.conversations('alice', { mine: true })).map((c) => c.id), ['c-refund']);
    assert.deepEqual((await backend.conversations('dave', { pending: true })).map((c) => c.id).sort(), ['c-invoice', 'c-upgrade']);
    assert.deepEqual((await backend.conversations('alice', { pending: true })).map((c) => c.id), [], 'alice is not in Billing');
    // On the Free plan, claiming is refused for the plan: listed for whoever could claim on Lite.
    const free = createMemoryBackend({ ...demoSnapshot, workspace: { ...demoSnapshot.workspace, plan: 'free' } }, { now: fixedClock });
    assert.deepEqual((await free.conversations('dave', { pending: true })).map((c) => c.id).sort(), ['c-invoice', 'c-upgrade']);
    assert.deepEqual((await free.conversations('erin', { pending: true })).map((c) => c.id), [], 'Erin of Billing takes over nothing, on any plan');
    // Frank (admin) is in no Billing team, and may claim from every queue of the workspace.
    assert.deepEqual((await backend.conversations('frank', { pending: true })).map((c) => c.id).sort(), ['c-invoice', 'c-upgrade']);
    assert.deepEqual((await backend.conversations('frank', { status: 'closed' })).map((c) => c.id).sort(), ['c-export', 'c-thanks']);
    assert.deepEqual((await backend.conversations('frank', { team: 'team-billing' })).map((c) => c.id).sort(), ['c-invoice', 'c-upgrade', 'c-vat']);
    assert.deepEqual((await backend.conversations('frank', { assignee: 'ai-ava' })).map((c) => c.id).sort(), ['c-shipping', 'c-thanks']);
    const candidates = await backend.candidates('alice', 'c-refund');
    const erin = candidates.users.find((u) => u.id === 'erin')!;
    assert.equal(erin.availability, 'away');
    assert.equal(!erin.decision.allowed && erin.decision.code, 'target-unavailable');
    const bob = candidates.users.find((u) => u.id === 'bob')!;
    assert.deepEqual([bob.load, bob.limit, bob.decision.allowed], [1, 3, true]);
    const billing = candidates.teams.find((t) => t.id === 'team-billing')!;
    assert.deepEqual([billing.onlineMembers, billing.queueLength], [1, 2]);
    assert.equal(candidates.aiAgents[0].origin, true);
  });

  test('reset starts over and tells subscribers', async () => {
    const backend = createMemoryBackend(demoSnapshot, { now: fixedClock });
    const events: string[] = [];
    backend.subscribeAll((e) => events.push(e.type));
    await backend.execute({ type: 'close', actor: { type: 'user', id: 'alice' }, conversationId: 'c-refund' });
    backend.reset(demoSnapshot);
    assert.equal(backend.state.conversations.get('c-refund')!.status, 'open');
    assert.equal(events.at(-1), 'reset');
  });

  test('the demo snapshot holds conversations in every state', () => {
    const states = new Set(demoSnapshot.conversations.map((c) => `${c.kind}:${c.status}:${c.assignee?.type ?? 'none'}`));
    for (const s of ['livechat:open:user', 'livechat:open:ai', 'livechat:pending:none', 'livechat:closed:ai', 'ticket:open:user', 'ticket:closed:user'])
      assert.ok(states.has(s), s);
  });
});
