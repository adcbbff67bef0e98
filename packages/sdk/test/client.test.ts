import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BatonError, createClient, createMemoryBackend, demoSnapshot, type BatonClient } from '../src/index.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup() {
  const backend = createMemoryBackend(demoSnapshot, { now: () => demoSnapshot.clock! + 1000 });
  const clients: Record<string, BatonClient> = {};
  for (const id of ['alice', 'bob', 'carol', 'dave']) clients[id] = createClient({ backend, userId: id });
  await Promise.all(Object.values(clients).map((c) => c.ready));
  return { backend, ...clients } as { backend: typeof backend; alice: BatonClient; bob: BatonClient; carol: BatonClient; dave: BatonClient };
}

describe('client', () => {
  test('a conversation store loads on subscribe and says what the user may do', async () => {
    const { carol } = await setup();
    const stores = carol.conversation('c-refund');
    const unsubscribe = stores.$permissions.subscribe(() => {});
    stores.$messages.subscribe(() => {});
    await stores.refresh();
    const permissions = stores.$permissions.get()!;
    assert.equal(permissions.takeover.allowed, true);
    assert.equal(!permissions.send.allowed && permissions.send.code, 'not-assignee');
    assert.equal(!permissions.transfer.allowed && permissions.transfer.message, 'Only the assignee can transfer. Assigned to Alice Martin.');
    assert.equal(stores.$messages.get().length, 3);
    unsubscribe();
  });

  test('another client\'s takeover updates the atoms live: conversation, permissions, messages, log', async () => {
    const { alice, carol } = await setup();
    const mine = alice.conversation('c-refund');
    mine.$permissions.subscribe(() => {});
    mine.$messages.subscribe(() => {});
    mine.$log.subscribe(() => {});
    await mine.refresh();
    assert.equal(mine.$permissions.get()!.send.allowed, true);
    await carol.takeover('c-refund', 'Carol here, taking this one.');
    assert.deepEqual(mine.$conversation.get()!.assignee, { type: 'user', id: 'carol' });
    assert.equal(mine.$permissions.get()!.send.allowed, false);
    assert.equal(mine.$messages.get().at(-1)!.body, 'Carol here, taking this one.');
    assert.equal(mine.$log.get().at(-1)!.action, 'takeover');
    const [note] = alice.$notifications.get();
    assert.deepEqual([note.kind, note.action, note.actor], ['unassigned', 'takeover', { type: 'user', id: 'carol' }]);
    assert.equal(alice.$unreadCount.get(), 1);
    alice.markNotificationsRead();
    assert.equal(alice.$unreadCount.get(), 0);
  });

  test('actions send the version last seen; a lost race rejects with version-conflict and refreshes the conversation', async () => {
    const { bob, carol } = await setup();
    for (const c of [bob, carol]) {
      c.conversation('c-refund').$conversation.subscribe(() => {});
      await c.conversation('c-refund').refresh();
    }
    bob.destroy(); // bob stops hearing events, so he still sees version 1
    await carol.takeover('c-refund', 'Mine');
    const error = await bob.takeover('c-refund', 'No, mine').catch((e: BatonError) => e);
    assert.ok(error instanceof BatonError);
    assert.equal(error.code, 'version-conflict');
    assert.deepEqual(bob.conversation('c-refund').$conversation.get()!.assignee, { type: 'user', id: 'carol' });
  });

  test('send survives a customer message that moved the version', async () => {
    const { backend, alice } = await setup();
    const stores = alice.conversation('c-refund');
    stores.$conversation.subscribe(() => {});
    await stores.refresh();
    alice.destroy();
    await backend.execute({ type: 'inbound-message', actor: { type: 'system' }, conversationId: 'c-refund', messageId: 'in-1', body: 'Any news?' });
    // alice last saw version 1; the customer's message made it 2; her send is retried on 2
    const result = await alice.send('c-refund', 'Yes: refunded.');
    assert.equal(result.conversation!.version, 3);
    assert.deepEqual((await backend.messages('alice', 'c-refund')).slice(-2).map((m) => m.body), ['Any news?', 'Yes: refunded.']);
  });

  test('refusals reject with the refusal code', async () => {
    const { alice } = await setup();
    await assert.rejects(alice.transfer('c-refund', 'erin'), (e: BatonError) => e.code === 'target-unavailable');
    await assert.rejects(alice.send('c-refund', '   '), (e: BatonError) => e.code === 'empty-message');
    await assert.rejects(alice.close('c-login'), (e: BatonError) => e.code === 'not-assignee');
  });

  test('lists follow events: mine, pending', async () => {
    const { alice, dave, carol } = await setup();
    const mine = alice.list({ mine: true });
    mine.$items.subscribe(() => {});
    const queue = dave.list({ pending: true });
    queue.$items.subscribe(() => {});
    await mine.refresh();
    await queue.refresh();
    assert.deepEqual(mine.$items.get().map((c) => c.id), ['c-refund']);
    await carol.takeover('c-refund', 'Mine now');
    assert.deepEqual(mine.$items.get().map((c) => c.id), []);
    assert.deepEqual(queue.$items.get().map((c) => c.id).sort(), ['c-invoice', 'c-upgrade']);
    await dave.claim('c-invoice');
    assert.deepEqual(queue.$items.get().map((c) => c.id), ['c-upgrade']);
  });

  test('a conversation that leaves what the user may see leaves their lists, and their permissions say so', async () => {
    const { bob, carol, dave } = await setup();
    // c-vat is Billing's ticket. Bob (team level, Support) sees it while Carol of Support holds it.
    await dave.transfer('c-vat', 'carol');
    const all = bob.list({});
    all.$items.subscribe(() => {});
    await all.refresh();
    const vat = bob.conversation('c-vat');
    vat.$permissions.subscribe(() => {});
    await vat.refresh();
    assert.ok(all.$items.get().some((c) => c.id === 'c-vat'));
    assert.equal(vat.$permissions.get()!.takeover.allowed, true);
    await carol.transfer('c-vat', 'dave');
    await settle();
    assert.ok(!all.$items.get().some((c) => c.id === 'c-vat'), 'gone from his list');
    assert.equal(vat.$permissions.get()!.takeover.allowed, false, 'no takeover offered any more');
  });

  test('after a reset, the atoms hold the new history, even where it is older than what was known', async () => {
    const { backend, alice, carol } = await setup();
    const chat = alice.conversation('c-refund');
    chat.$permissions.subscribe(() => {});
    chat.$messages.subscribe(() => {});
    chat.$log.subscribe(() => {});
    const mine = alice.list({ mine: true });
    mine.$items.subscribe(() => {});
    await chat.refresh();
    await mine.refresh();
    await alice.send('c-refund', 'Checking now');
    await carol.takeover('c-refund', 'Carol here');
    assert.deepEqual(chat.$conversation.get()!.assignee, { type: 'user', id: 'carol' });
    backend.reset(demoSnapshot);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(chat.$conversation.get()!.version, 1);
    assert.deepEqual(chat.$conversation.get()!.assignee, { type: 'user', id: 'alice' });
    assert.equal(chat.$messages.get().length, 3, 'the messages of the old history are gone');
    assert.ok(!chat.$messages.get().some((m) => m.body === 'Checking now'));
    assert.equal(chat.$log.get().length, demoSnapshot.log!.filter((e) => e.conversationId === 'c-refund').length);
    assert.equal(chat.$permissions.get()!.send.allowed, true);
    assert.deepEqual(mine.$items.get().map((c) => c.id), ['c-refund']);
    // And acting on it works: the client sends the version of the new history.
    await alice.send('c-refund', 'Back again');
    assert.equal(chat.$conversation.get()!.version, 2);
  });

  test('candidates load while subscribed and follow load changes', async () => {
    const { alice, bob } = await setup();
    const stores = alice.conversation('c-refund');
    stores.$candidates.subscribe(() => {});
    await settle();
    await settle();
    const before = stores.$candidates.get()!.users.find((u) => u.id === 'bob')!.load;
    await bob.takeover('c-shipping', 'Taking the parcel question');
    await settle();
    await settle();
    assert.equal(stores.$candidates.get()!.users.find((u) => u.id === 'bob')!.load, before + 1);
  });
});
