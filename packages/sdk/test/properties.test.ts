import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  applyEvents,
  canView,
  createState,
  decide,
  listConversations,
  matchesFilter,
  toSnapshot,
  type Command,
  type WorkspaceSnapshot,
  type WorkspaceState,
} from '../src/index.js';
import { conversation, mine, T0, user, workspace } from './fixtures.js';

const SOAK = !!process.env.BATON_SOAK;
const RUNS = SOAK ? 100_000 : 3_000;

const USERS = ['ann', 'ben', 'cat', 'dot', 'eve', 'fay'];
const CONVERSATIONS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
const TEAMS = ['red', 'blue', 'far'];

const snapshotArb: fc.Arbitrary<WorkspaceSnapshot> = fc
  .record({
    plan: fc.constantFrom('free', 'lite', 'pro', 'total', 'enterprise'),
    method: fc.constantFrom('balanced', 'random', 'round-robin', 'voluntary'),
    availabilityCheck: fc.boolean(),
    limit: fc.constantFrom(null, 1, 2, 3),
    away: fc.subarray(USERS),
  })
  .map(({ plan, method, availabilityCheck, limit, away }) =>
    workspace({
      plan: plan as never,
      settings: { method: method as never, availabilityCheck, autoAssignLimit: limit },
      users: [
        user('ann', { level: 'individual' }),
        user('ben', { level: 'team' }),
        user('cat', { level: 'workspace' }),
        user('dot', { level: null }),
        user('eve', { receive: false, level: 'team' }),
        user('fay', { role: 'admin', level: null }),
      ].map((u) => ({ ...u, availability: away.includes(u.id) ? 'away' : 'online' })),
      teams: { red: ['ann', 'ben', 'eve'], blue: ['cat', 'dot'], far: ['fay'] },
      links: { far: ['other'] },
      conversations: [
        conversation('c1', mine('ann', { team: 'red' })),
        conversation('c2', mine('ben')),
        conversation('c3', { assignee: { type: 'ai', id: 'ai' } }),
        conversation('c4', { status: 'pending', team: 'red', pendingSince: T0 - 40 }),
        conversation('c5', { status: 'pending', team: null, pendingSince: T0 - 30 }),
        conversation('c6', mine('cat', { kind: 'ticket', origin: null, team: 'blue' })),
        conversation('c7', { status: 'closed', assignee: { type: 'ai', id: 'ai' } }),
        conversation('c8', { kind: 'ticket', origin: null, status: 'open', assignee: null, teamspace: 'other' }),
      ],
    }),
  );

const person = fc.constantFrom(...USERS).map((id) => ({ type: 'user' as const, id }));
const conversationId = fc.constantFrom(...CONVERSATIONS);
const version = fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined });
const body = fc.constantFrom('Hello', '', '  ', 'On it');
const messageId = fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8');

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constant('send' as const), actor: person, conversationId, expectedVersion: version, messageId, body }),
  fc.record({ type: fc.constant('transfer' as const), actor: person, conversationId, expectedVersion: version, targetUserId: fc.constantFrom(...USERS) }),
  fc.record({ type: fc.constant('transfer-to-team' as const), actor: person, conversationId, expectedVersion: version, teamId: fc.constantFrom(...TEAMS) }),
  fc.record({ type: fc.constant('transfer-to-ai' as const), actor: person, conversationId, expectedVersion: version }),
  fc.record({ type: fc.constant('takeover' as const), actor: person, conversationId, expectedVersion: version, messageId, body }),
  fc.record({ type: fc.constant('claim' as const), actor: person, conversationId, expectedVersion: version }),
  fc.record({ type: fc.constant('close' as const), actor: person, conversationId, expectedVersion: version }),
  fc.record({
    type: fc.constant('handoff' as const),
    actor: fc.constant({ type: 'system' as const }),
    conversationId,
    target: fc.oneof(
      fc.constantFrom(...USERS).map((userId) => ({ type: 'user' as const, userId })),
      fc.constantFrom(...TEAMS).map((teamId) => ({ type: 'team' as const, teamId })),
      fc.constant({ type: 'teamspace' as const }),
    ),
  }),
  fc.record({ type: fc.constant('inbound-message' as const), actor: fc.constant({ type: 'system' as const }), conversationId, messageId, body }),
  fc.record({
    type: fc.constant('set-availability' as const),
    actor: fc.constant({ type: 'system' as const }),
    userId: fc.constantFrom(...USERS),
    availability: fc.constantFrom('online', 'away'),
    redistribute: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('configure-teamspace' as const),
    actor: fc.constant({ type: 'system' as const }),
    teamspaceId: fc.constant('ts'),
    settings: fc.record({ autoAssignLimit: fc.constantFrom(null, 1, 2, 4) }),
  }),
  fc.record({ type: fc.constant('set-plan' as const), actor: fc.constant({ type: 'system' as const }), plan: fc.constantFrom('free', 'lite', 'enterprise') }),
) as fc.Arbitrary<Command>;

const digest = (state: WorkspaceState) =>
  JSON.stringify([toSnapshot(state), [...state.index.load], [...state.index.queues].map(([k, v]) => [k, [...v]])]);

function checkInvariants(state: WorkspaceState) {
  const rebuilt = createState(toSnapshot(state));
  for (const c of state.conversations.values()) {
    // one assignee at most, and a pending conversation has none
    if (c.status === 'pending') assert.equal(c.assignee, null, `${c.id} pending with an assignee`);
    // the log replays to the assignee and status
    const log = state.log.get(c.id) ?? [];
    if (log.length > 0) {
      assert.deepEqual(log.at(-1)!.to, c.assignee, `${c.id}: log does not replay to its assignee`);
      assert.equal(log.at(-1)!.status, c.status);
      for (let i = 1; i < log.length; i++) {
        assert.deepEqual(log[i].from, log[i - 1].to, `${c.id}: log entry ${i} does not start where the previous ended`);
        assert.ok(log[i].version > log[i - 1].version);
      }
    }
  }
  // incremental indexes equal a rebuild from scratch
  const loads = (s: WorkspaceState) => [...s.index.load].filter(([, n]) => n !== 0).sort();
  assert.deepEqual(loads(state), loads(rebuilt));
  const autoLoads = (s: WorkspaceState) => [...s.index.autoLoad].filter(([, n]) => n !== 0).sort();
  assert.deepEqual(autoLoads(state), autoLoads(rebuilt));
  assert.deepEqual([...state.index.managers].sort(), [...rebuilt.index.managers].sort());
  // queues hold the same conversations in the same order after a rebuild (a restart)
  const queues = (s: WorkspaceState) => [...s.index.queues].map(([k, v]) => [k, [...v]]).sort();
  assert.deepEqual(queues(state), queues(rebuilt));
  for (const ids of state.index.queues.values()) {
    const since = [...ids].map((id) => state.conversations.get(id)!.pendingSince!);
    assert.deepEqual(since, [...since].sort((a, b) => a - b), 'queues stay oldest first');
  }
  // "pending (mine to claim)" lists every pending conversation the filter accepts, and only those
  const pending = [...state.conversations.values()].filter((c) => c.status === 'pending');
  for (const id of USERS) {
    const listed = listConversations(state, id, { pending: true }).map((c) => c.id).sort();
    const claimable = pending.filter((c) => matchesFilter(state, id, { pending: true }, c)).map((c) => c.id).sort();
    assert.deepEqual(listed, claimable, `${id}'s pending list`);
  }
}

test(`invariants over ${RUNS} random command sequences`, () => {
  fc.assert(
    fc.property(snapshotArb, fc.array(commandArb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 2 ** 31 }), (snapshot, commands, seed) => {
      const state = createState(snapshot);
      let rng = seed;
      const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      commands.forEach((command, step) => {
        const before = digest(state);
        const versions = new Map([...state.conversations].map(([id, c]) => [id, c.version]));
        const result = decide(state, command, { now: T0 + step, random });
        // decide never changes the state it reads; so a refused command changes nothing
        assert.equal(digest(state), before);
        if (!result.ok) return;
        const changed = new Set<string>();
        for (const event of result.events) {
          if (event.type !== 'conversation') continue;
          assert.ok(!changed.has(event.conversation.id), 'one event per conversation per command');
          changed.add(event.conversation.id);
          assert.equal(event.conversation.version, versions.get(event.conversation.id)! + 1, 'version grows by exactly one');
        }
        applyEvents(state, result.events);
        for (const [id, v] of versions) if (!changed.has(id)) assert.equal(state.conversations.get(id)!.version, v);
        // routing never pushes an agent past the auto-assign limit
        const limit = state.teamspaces.get('ts')!.settings.autoAssignLimit;
        for (const event of result.events) {
          if (event.type !== 'conversation') continue;
          const { entry } = event;
          if (!entry?.auto || entry.to?.type !== 'user' || event.conversation.teamspace !== 'ts' || limit === null) continue;
          assert.ok((state.index.autoLoad.get(entry.to.id) ?? 0) <= limit, `auto-assigned ${entry.to.id} past the limit ${limit}`);
        }
        checkInvariants(state);
      });
    }),
    { numRuns: RUNS },
  );
});

test(`of N commands with the same expectedVersion, exactly one is accepted (${Math.ceil(RUNS / 3)} runs)`, () => {
  const person = fc.constantFrom(...USERS).map((id) => ({ type: 'user' as const, id }));
  const racer = fc.oneof(
    person.map((actor) => (id: string, v: number, i: number): Command => ({ type: 'takeover', actor, conversationId: id, expectedVersion: v, messageId: `race-${i}`, body: 'Mine' })),
    person.map((actor) => (id: string, v: number): Command => ({ type: 'claim', actor, conversationId: id, expectedVersion: v })),
    person.map((actor) => (id: string, v: number): Command => ({ type: 'close', actor, conversationId: id, expectedVersion: v })),
    fc.tuple(person, fc.constantFrom(...USERS)).map(([actor, target]) => (id: string, v: number): Command => ({ type: 'transfer', actor, conversationId: id, expectedVersion: v, targetUserId: target })),
  );
  fc.assert(
    fc.property(snapshotArb, conversationId, fc.array(racer, { minLength: 2, maxLength: 20 }), (snapshot, id, racers) => {
      const state = createState(snapshot);
      const v = state.conversations.get(id)!.version;
      const commands = racers.map((make, i) => make(id, v, i));
      const aloneOk = commands.some((c) => decide(state, c, { now: T0 }).ok);
      let accepted = 0;
      for (const command of commands) {
        const result = decide(state, command, { now: T0 });
        if (result.ok) {
          accepted++;
          applyEvents(state, result.events);
        } else if (accepted > 0) {
          // Or, for a person who may not see it any more (and could not before its last move), not found.
          const actor = (command.actor as { id: string }).id;
          if (result.code !== 'version-conflict') {
            assert.equal(result.code, 'not-found');
            assert.ok(!canView(state, actor, state.conversations.get(id)!));
          }
        }
      }
      assert.equal(accepted, aloneOk ? 1 : 0);
    }),
    { numRuns: Math.ceil(RUNS / 3) },
  );
});
