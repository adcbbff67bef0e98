/**
 * The behaviour of SPEC §3, held against every backend: the same scenarios run unchanged on
 * the in-process memory backend and on the HTTP backend talking to the reference server.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createDemoSnapshot, isBatonError, type BatonClient, type RefusalCode } from '@baton/sdk';
import { eventually, httpHarness, memoryHarness, type World } from './harness.js';

const refusedWith = (code: RefusalCode) => (error: unknown) => {
  assert.ok(isBatonError(error), `expected a BatonError, got ${String(error)}`);
  assert.equal(error.code, code);
  return true;
};

async function loaded(client: BatonClient, conversationId: string) {
  const stores = client.conversation(conversationId);
  const stop = stores.$conversation.listen(() => {});
  await stores.refresh();
  return { stores, stop };
}

for (const harness of [memoryHarness, httpHarness]) {
  describe(`behaviour: ${harness.name}`, () => {
    let world: World;
    beforeEach(async () => {
      world = await harness.start(createDemoSnapshot());
    });
    afterEach(async () => {
      await world.stop();
    });

    it('takeover & send: the assignee changes and the message is sent in one step, the previous assignee is told', async () => {
      const alice = await world.client('alice');
      const carol = await world.client('carol');
      await loaded(carol, 'c-refund');
      const result = await carol.takeover('c-refund', "Hi Maya, I'm Carol.");
      assert.deepEqual(result.conversation?.assignee, { type: 'user', id: 'carol' });
      assert.equal(result.conversation?.version, 2);
      const messages = await world.backendFor('carol').messages('carol', 'c-refund');
      assert.equal(messages.at(-1)?.body, "Hi Maya, I'm Carol.");
      const log = await world.backendFor('carol').log('carol', 'c-refund');
      assert.equal(log.at(-1)?.action, 'takeover');
      assert.equal(log.at(-1)?.version, 2);
      await eventually(() => alice.$notifications.get().some((n) => n.kind === 'unassigned' && n.conversationId === 'c-refund'), 'alice to be told');
    });

    it('transfer to a user: the target holds it, with the note in the log, and is notified', async () => {
      const bob = await world.client('bob');
      const carol = await world.client('carol');
      await loaded(bob, 'c-login');
      const result = await bob.transfer('c-login', 'carol', { note: 'Password issue, over to you' });
      assert.deepEqual(result.conversation?.assignee, { type: 'user', id: 'carol' });
      const log = await world.backendFor('bob').log('bob', 'c-login');
      assert.equal(log.at(-1)?.note, 'Password issue, over to you');
      await eventually(() => carol.$notifications.get().some((n) => n.kind === 'assigned' && n.conversationId === 'c-login'), 'carol to be told');
    });

    it('transfer refusals carry their codes: away target, deactivated target, oneself, not the assignee', async () => {
      const alice = await world.client('alice');
      const bob = await world.client('bob');
      await loaded(alice, 'c-refund');
      await assert.rejects(alice.transfer('c-refund', 'erin'), refusedWith('target-unavailable'));
      await assert.rejects(alice.transfer('c-refund', 'henry'), refusedWith('target-not-permitted'));
      await assert.rejects(alice.transfer('c-refund', 'alice'), refusedWith('already-assignee'));
      await assert.rejects(bob.transfer('c-refund', 'carol'), refusedWith('not-assignee'));
      const after = await world.backendFor('alice').conversation('alice', 'c-refund');
      assert.equal(after.version, 1, 'a refused command changes nothing');
    });

    it('transfer to a team routes to a member other than the actor; an unlinked team is refused', async () => {
      const alice = await world.client('alice');
      await loaded(alice, 'c-refund');
      const result = await alice.transferToTeam('c-refund', 'team-escalations');
      assert.equal(result.conversation?.team, 'team-escalations');
      assert.equal(result.conversation?.assignee?.type, 'user');
      assert.ok(['carol', 'frank'].includes(result.conversation!.assignee!.id));
      const dave = await world.client('dave');
      await loaded(dave, 'c-vat');
      await assert.rejects(dave.transferToTeam('c-vat', 'team-support'), refusedWith('team-not-linked'));
    });

    it('transfer to the AI agent: a livechat goes back to its origin; a ticket has none', async () => {
      const alice = await world.client('alice');
      await loaded(alice, 'c-refund');
      const result = await alice.transferToAi('c-refund');
      assert.deepEqual(result.conversation?.assignee, { type: 'ai', id: 'ai-ava' });
      const dave = await world.client('dave');
      await loaded(dave, 'c-vat');
      await assert.rejects(dave.transferToAi('c-vat'), refusedWith('no-origin-ai'));
    });

    it('claim from a queue: a team member claims, a later claim finds it no longer pending, one outside its reach is refused', async () => {
      // Grace may not see the Sales queue at all: for her it does not exist, as when she reads it.
      const grace = await world.client('grace');
      await assert.rejects(grace.claim('c-upgrade'), refusedWith('not-found'));
      const dave = await world.client('dave');
      await loaded(dave, 'c-invoice');
      const result = await dave.claim('c-invoice', { body: 'Hi Lena, fixing the address now.' });
      assert.equal(result.conversation?.status, 'open');
      assert.deepEqual(result.conversation?.assignee, { type: 'user', id: 'dave' });
      const frank = await world.client('frank');
      await assert.rejects(frank.claim('c-invoice'), refusedWith('not-pending'));
    });

    it('close: a livechat goes back to its AI agent and takes no more messages', async () => {
      const alice = await world.client('alice');
      await loaded(alice, 'c-refund');
      const result = await alice.close('c-refund');
      assert.equal(result.conversation?.status, 'closed');
      assert.deepEqual(result.conversation?.assignee, { type: 'ai', id: 'ai-ava' });
      const log = await world.backendFor('alice').log('alice', 'c-refund');
      assert.equal(log.at(-1)?.action, 'chat-closed');
      await assert.rejects(alice.send('c-refund', 'Anything else?'), refusedWith('conversation-closed'));
    });

    it('an empty takeover message is refused and nothing changes', async () => {
      const carol = await world.client('carol');
      await loaded(carol, 'c-refund');
      await assert.rejects(carol.takeover('c-refund', '   '), refusedWith('empty-message'));
      const after = await world.backendFor('carol').conversation('carol', 'c-refund');
      assert.deepEqual(after.assignee, { type: 'user', id: 'alice' });
    });

    it('two takeovers from the same version: exactly one wins, the other sees the winner', async () => {
      // Both agents saw version 1; an in-process client would see the first change before acting, so commands go direct.
      const takeover = (userId: string) =>
        world.backendFor(userId).execute({
          type: 'takeover',
          actor: { type: 'user', id: userId },
          conversationId: 'c-refund',
          expectedVersion: 1,
          messageId: `race-${userId}`,
          body: `${userId} here`,
        });
      const results = await Promise.allSettled([takeover('carol'), takeover('frank')]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      refusedWith('version-conflict')(lost[0].reason);
      const winner = (won[0] as PromiseFulfilledResult<{ conversation: { assignee: { id: string } } }>).value.conversation.assignee.id;
      assert.ok(['carol', 'frank'].includes(winner));
      assert.equal(lost[0].reason.conversation.assignee.id, winner);
      assert.equal(lost[0].reason.conversation.version, 2);
      const messages = await world.backendFor('carol').messages('carol', 'c-refund');
      assert.equal(messages.filter((m) => m.body.endsWith(' here')).length, 1, "the loser's message was not sent");
    });

    it('below the Lite plan, person-made assignment changes are refused with plan-required; sending still works', async () => {
      await world.system({ type: 'set-plan', actor: { type: 'system' }, plan: 'free' });
      const carol = await world.client('carol');
      await loaded(carol, 'c-refund');
      assert.equal(carol.can('takeover', 'c-refund').allowed, false);
      await assert.rejects(carol.takeover('c-refund', 'Hi'), refusedWith('plan-required'));
      const alice = await world.client('alice');
      await loaded(alice, 'c-refund');
      await assert.rejects(alice.transfer('c-refund', 'bob'), refusedWith('plan-required'));
      const sent = await alice.send('c-refund', 'Still here');
      assert.equal(sent.duplicate, false);
    });

    it('a message sent twice with one id is stored once and the retry returns the first result', async () => {
      const alice = await world.client('alice');
      await loaded(alice, 'c-refund');
      const first = await alice.send('c-refund', 'Refund issued.', { messageId: 'retry-1' });
      const again = await world.backendFor('alice').execute({
        type: 'send',
        actor: { type: 'user', id: 'alice' },
        conversationId: 'c-refund',
        messageId: 'retry-1',
        body: 'Refund issued.',
      });
      assert.equal(first.duplicate, false);
      assert.equal(again.duplicate, true);
      assert.equal(again.conversation?.version, first.conversation?.version);
      const messages = await world.backendFor('alice').messages('alice', 'c-refund');
      assert.equal(messages.filter((m) => m.id === 'retry-1').length, 1);
    });

    it('a customer message reopens a closed chat with the AI agent and reaches the assignee', async () => {
      const result = await world.system({
        type: 'inbound-message',
        actor: { type: 'system' },
        conversationId: 'c-thanks',
        messageId: 'in-1',
        body: 'Actually, one more thing.',
      });
      assert.equal(result.conversation?.status, 'open');
      assert.deepEqual(result.conversation?.assignee, { type: 'ai', id: 'ai-ava' });
      const alice = await world.client('alice');
      await world.system({ type: 'inbound-message', actor: { type: 'system' }, conversationId: 'c-refund', messageId: 'in-2', body: 'Any news?' });
      await eventually(() => alice.$notifications.get().some((n) => n.kind === 'message' && n.messageId === 'in-2'), 'alice to hear from Maya');
    });

    it('an AI handoff to a team routes to an eligible member; people may not hand off', async () => {
      const result = await world.system({
        type: 'handoff',
        actor: { type: 'ai', id: 'ai-ava' },
        conversationId: 'c-shipping',
        target: { type: 'team', teamId: 'team-support' },
      });
      assert.equal(result.conversation?.status, 'open');
      assert.equal(result.conversation?.assignee?.type, 'user');
      assert.ok(['carol', 'grace'].includes(result.conversation!.assignee!.id), 'the least loaded online members');
      await assert.rejects(
        world.backendFor('bob').execute({
          type: 'handoff',
          actor: { type: 'user', id: 'bob' },
          conversationId: 'c-login',
          target: { type: 'teamspace' },
        }),
        refusedWith('missing-permission'),
      );
    });

    it('an agent sees only the conversations they may see', async () => {
      const alice = await world.client('alice');
      const list = await world.backendFor('alice').conversations('alice', {});
      assert.ok(list.some((c) => c.id === 'c-refund'));
      assert.ok(!list.some((c) => c.id === 'c-vat'), 'a Billing ticket is not for Support agents');
      await assert.rejects(world.backendFor('alice').conversation('alice', 'c-vat'), refusedWith('not-found'));
      const mine = await world.backendFor('alice').conversations('alice', { mine: true });
      assert.deepEqual(mine.map((c) => c.id), ['c-refund']);
      assert.equal((await world.backendFor('alice').me('alice')).id, alice.userId);
    });

    it("a second agent's stores follow a change live", async () => {
      const bob = await world.client('bob');
      const carol = await world.client('carol');
      const { stores } = await loaded(bob, 'c-login');
      await loaded(carol, 'c-login');
      await carol.takeover('c-login', 'Carol taking this one.');
      await eventually(() => stores.$conversation.get()?.assignee?.id === 'carol', "bob's view to show carol");
      await eventually(() => stores.$messages.get().some((m) => m.body === 'Carol taking this one.'), "bob's view to show the message");
      assert.equal(bob.can('send', 'c-login').allowed, false);
    });

    it('availability and settings: an agent coming online may receive; only admins change settings', async () => {
      const alice = await world.client('alice');
      await loaded(alice, 'c-refund');
      await assert.rejects(alice.transfer('c-refund', 'erin'), refusedWith('target-unavailable'));
      await world.system({ type: 'set-availability', actor: { type: 'system' }, userId: 'erin', availability: 'online' });
      await eventually(() => alice.$directory.get()?.users.find((u) => u.id === 'erin')?.availability === 'online', 'erin online');
      const result = await alice.transfer('c-refund', 'erin');
      assert.deepEqual(result.conversation?.assignee, { type: 'user', id: 'erin' });
      await assert.rejects(
        world.backendFor('carol').execute({
          type: 'configure-teamspace',
          actor: { type: 'user', id: 'carol' },
          teamspaceId: 'ts-support',
          settings: { availabilityCheck: false },
        }),
        refusedWith('missing-permission'),
      );
      const configured = await world.backendFor('frank').execute({
        type: 'configure-teamspace',
        actor: { type: 'user', id: 'frank' },
        teamspaceId: 'ts-support',
        settings: { availabilityCheck: false },
      });
      assert.ok(configured.events.some((e) => e.type === 'teamspace' && e.teamspace.settings.availabilityCheck === false));
    });
  });
}
