/**
 * R1: races. Rounds of 20 clients acting on the same conversation at once — taking over,
 * transferring, claiming, closing, and all four mixed — against the memory backend and over
 * HTTP. Each round: exactly one accepted, every other refused with `version-conflict` or the
 * code that now applies; the log replays to the final state; no conversation is ever counted
 * under two agents. Then automatic routing under concurrent closes, handoffs and availability
 * changes never gives an agent more than the teamspace's limit.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  applyEvents,
  createState,
  isBatonError,
  toSnapshot,
  type BatonEvent,
  type Command,
  type CommandResult,
  type Conversation,
  type RefusalCode,
  type WorkspaceSnapshot,
} from '@baton/sdk';
import { agent, chat, inParallel, size, T0 } from './support.js';
import { httpWorld, memoryWorld, type RaceWorld } from './worlds.js';

const ROUNDS = size(40, 1000);
const WAVES = size(25, 300);
const CLIENTS = 20;
const AGENTS = Array.from({ length: 24 }, (_, i) => `u${String(i).padStart(2, '0')}`);
const KINDS = ['takeover', 'transfer', 'claim', 'close', 'mixed'] as const;
type Kind = (typeof KINDS)[number];

const kindOf = (round: number): Kind => KINDS[round % KINDS.length];
const holderOf = (round: number) => AGENTS[(round * 7) % AGENTS.length];
/** The agents other than the holder, rotated per round. */
const othersOf = (round: number) => {
  const others = AGENTS.filter((id) => id !== holderOf(round));
  const shift = round % others.length;
  return [...others.slice(shift), ...others.slice(0, shift)];
};

/** Total plan, and a voluntary teamspace: nothing leaves the queue but a claim. */
function raceWorkspace(rounds: number): WorkspaceSnapshot {
  const conversations: Conversation[] = [];
  for (let round = 0; round < rounds; round++) {
    const id = `r${round}`;
    conversations.push(
      kindOf(round) === 'claim'
        ? chat(id, { status: 'pending', team: 'crew', pendingSince: T0 - 1000 - round })
        : chat(id, { assignee: { type: 'user', id: holderOf(round) }, team: 'crew' }),
    );
  }
  return {
    workspace: { id: 'races', name: 'Races', plan: 'total' },
    teamspaces: [{ id: 'ts-main', name: 'Main', settings: { method: 'voluntary', availabilityCheck: false, autoAssignLimit: null } }],
    teams: [{ id: 'crew', name: 'Crew', teamspaces: ['ts-main'], members: AGENTS }],
    users: AGENTS.map((id) => agent(id, { level: 'workspace' })),
    aiAgents: [{ id: 'ai-main', name: 'Main AI', teamspace: 'ts-main' }],
    conversations,
    messages: [],
    log: [],
    clock: T0,
    seed: 3,
  };
}

interface Attempt {
  command: Command;
  /** Codes that may refuse it once another client has won. */
  allowed: RefusalCode[];
}

/** The 20 commands of a round, in a shuffled order. */
function attemptsOf(round: number): Attempt[] {
  const conversationId = `r${round}`;
  const holder = holderOf(round);
  const others = othersOf(round);
  const user = (id: string) => ({ type: 'user' as const, id });
  const versioned = { expectedVersion: 1 };
  const takeover = (id: string): Attempt => ({
    command: { type: 'takeover', actor: user(id), conversationId, ...versioned, messageId: `${conversationId}-${id}`, body: `${id} takes over` },
    allowed: ['version-conflict'],
  });
  const transfer = (to: string, withVersion: boolean): Attempt => ({
    command: { type: 'transfer', actor: user(holder), conversationId, targetUserId: to, ...(withVersion ? versioned : {}) },
    allowed: withVersion ? ['version-conflict'] : ['not-assignee'],
  });
  const claim = (id: string, withVersion: boolean): Attempt => ({
    command: { type: 'claim', actor: user(id), conversationId, ...(withVersion ? versioned : {}) },
    allowed: withVersion ? ['version-conflict'] : ['not-pending', 'conversation-closed'],
  });
  const close = (id: string, withVersion: boolean): Attempt => ({
    command: { type: 'close', actor: user(id), conversationId, ...(withVersion ? versioned : {}) },
    allowed: withVersion ? ['version-conflict'] : ['conversation-closed'],
  });
  const attempts: Attempt[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const even = i % 2 === 0;
    switch (kindOf(round)) {
      case 'takeover':
        attempts.push(takeover(others[i]));
        break;
      case 'transfer':
        // Twenty sessions of the holder, each sending it somewhere else.
        attempts.push(transfer(others[i], even));
        break;
      case 'claim':
        attempts.push(claim(others[i], even));
        break;
      case 'close':
        attempts.push(close(i < 10 ? holder : others[i], even));
        break;
      case 'mixed':
        attempts.push(
          i < 5 ? takeover(others[i]) : i < 10 ? transfer(others[i], true) : i < 15 ? close(i < 12 ? holder : others[i], true) : claim(others[i], false),
        );
        break;
    }
  }
  // A seeded shuffle, so a failing round can be replayed.
  let seed = round * 2654435761 + 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = attempts.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [attempts[i], attempts[j]] = [attempts[j], attempts[i]];
  }
  return attempts;
}

/** Replays events onto the first snapshot; checks the stream's ids and every assignment's chain. */
function replay(seed: WorkspaceSnapshot, events: { id: number; event: BatonEvent }[]) {
  events.forEach(({ id }, i) => assert.equal(id, events[0].id + i, 'event ids run n, n + 1, n + 2 … with no gap and no repeat'));
  const state = createState(structuredClone(seed));
  for (const { event } of events) {
    if (event.type === 'conversation' && event.entry) {
      const before = state.conversations.get(event.conversation.id)!;
      assert.deepEqual(event.entry.from, before.assignee, `${before.id}: every change starts from the assignee it replaces`);
      assert.equal(event.entry.version, before.version + 1, `${before.id}: each change is one version after the last`);
    }
    applyEvents(state, [event]);
  }
  return toSnapshot(state);
}

const byId = <T extends { id: string }>(items: T[] = []) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

/** The final state is the replay of the log; each conversation is listed under one assignee. */
async function checkLogAndAssignees(world: RaceWorld, seed: WorkspaceSnapshot) {
  const final = world.snapshot();
  const replayed = replay(seed, await world.events());
  assert.deepEqual(byId(replayed.conversations), byId(final.conversations), 'the log replays to the final conversations');
  assert.deepEqual(byId(replayed.messages), byId(final.messages), 'the log replays to the final messages');
  assert.deepEqual(replayed.log, final.log, 'the assignment log replays');
  const holders = new Map<string, string[]>();
  for (const [key, ids] of world.state.index.byAssignee)
    for (const id of ids) holders.set(id, [...(holders.get(id) ?? []), key]);
  for (const conversation of final.conversations) {
    const keys = holders.get(conversation.id) ?? [];
    const expected = conversation.assignee ? [`${conversation.assignee.type}:${conversation.assignee.id}`] : [];
    assert.deepEqual(keys, expected, `${conversation.id} is held by exactly its assignee`);
  }
}

let roundsRun = 0;

for (const factory of [memoryWorld, httpWorld]) {
  describe(`races: ${factory.name}`, () => {
    it(`${ROUNDS} rounds of ${CLIENTS} clients on one conversation: exactly one wins each round`, async () => {
      const seed = raceWorkspace(ROUNDS);
      const world = await factory.start(seed);
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const attempts = attemptsOf(round);
          const settled = await Promise.allSettled(attempts.map(({ command }) => world.execute(command)));
          const won = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [{ result: s.value, attempt: attempts[i] }] : []));
          const where = `round ${round} (${kindOf(round)})`;
          assert.equal(won.length, 1, `${where}: exactly one accepted, got ${won.length}`);
          const winner: CommandResult = won[0].result;
          assert.equal(winner.conversation?.version, 2, `${where}: the winner changed it once`);
          settled.forEach((s, i) => {
            if (s.status === 'fulfilled') return;
            const error = s.reason;
            assert.ok(isBatonError(error), `${where}: a refusal, not ${String(error)}`);
            assert.ok(attempts[i].allowed.includes(error.code as RefusalCode), `${where}: ${attempts[i].command.type} refused with ${error.code}`);
            if (error.code === 'version-conflict') {
              assert.equal(error.conversation?.version, 2, `${where}: the loser sees the current version`);
              assert.deepEqual(error.conversation?.assignee, winner.conversation?.assignee, `${where}: the loser sees the winner`);
            }
          });
          roundsRun++;
        }
        const final = world.snapshot();
        for (let round = 0; round < ROUNDS; round++) {
          const id = `r${round}`;
          const conversation = final.conversations.find((c) => c.id === id)!;
          assert.equal(conversation.version, 2, `${id}: one change in all`);
          assert.equal(world.state.log.get(id)?.length, 1, `${id}: one assignment entry`);
          const messages = world.state.messages.get(id) ?? [];
          const entry = world.state.log.get(id)![0];
          if (entry.action === 'takeover') {
            assert.deepEqual(messages.map((m) => m.id), [`${id}-${conversation.assignee!.id}`], `${id}: only the winner's message was sent`);
          } else assert.equal(messages.length, 0, `${id}: no message from a refused takeover`);
        }
        await checkLogAndAssignees(world, seed);
      } finally {
        await world.stop();
      }
    });

    it(`automatic routing never exceeds the limit under ${WAVES} waves of concurrent handoffs, closes and availability changes`, async () => {
      const seed = routingWorkspace();
      const world = await factory.start(seed);
      let accepted = 0;
      try {
        for (let wave = 0; wave < WAVES; wave++) {
          const commands = routingWave(world, wave);
          await inParallel(commands, commands.length, async (command) => {
            await world.execute(command);
            accepted++;
          });
          checkRouting(world, `wave ${wave}`);
        }
        assert.ok(accepted > WAVES * 5, 'the waves did real work');
        const events = await world.events();
        checkAutoAssignments(seed, events);
        await checkLogAndAssignees(world, seed);
      } finally {
        await world.stop();
      }
    });
  });
}

const LIMIT = 2;
const DESK = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5'];

/** Six agents, a limit of two, and more chats with the AI agent than the desk can hold. */
function routingWorkspace(): WorkspaceSnapshot {
  return {
    workspace: { id: 'routing', name: 'Routing', plan: 'lite' },
    teamspaces: [{ id: 'ts-main', name: 'Main', settings: { method: 'balanced', availabilityCheck: true, autoAssignLimit: LIMIT } }],
    teams: [{ id: 'desk', name: 'Desk', teamspaces: ['ts-main'], members: DESK }],
    users: DESK.map((id) => agent(id, { level: 'individual' })),
    aiAgents: [{ id: 'ai-main', name: 'Main AI', teamspace: 'ts-main' }],
    conversations: Array.from({ length: 30 }, (_, i) => chat(`q${i}`, { assignee: { type: 'ai', id: 'ai-main' } })),
    messages: [],
    log: [],
    clock: T0,
    seed: 5,
  };
}

/** One wave, all at once, on disjoint conversations: handoffs, closes, returns to the AI agent, customers coming back, agents going away and back. */
function routingWave(world: RaceWorld, wave: number): Command[] {
  const conversations = [...world.state.conversations.values()];
  const rotate = <T>(items: T[]) => items.map((_, i) => items[(i + wave) % items.length]);
  const withAi = rotate(conversations.filter((c) => c.status === 'open' && c.assignee?.type === 'ai'));
  const withAgent = rotate(conversations.filter((c) => c.status === 'open' && c.assignee?.type === 'user'));
  const closed = rotate(conversations.filter((c) => c.status === 'closed'));
  const system = { type: 'system' as const };
  const commands: Command[] = [];
  for (const c of withAi.slice(0, 8))
    commands.push({ type: 'handoff', actor: { type: 'ai', id: 'ai-main' }, conversationId: c.id, target: wave % 2 ? { type: 'team', teamId: 'desk' } : { type: 'teamspace' } });
  withAgent.slice(0, 6).forEach((c, i) => {
    const actor = { type: 'user' as const, id: c.assignee!.id };
    commands.push(i % 3 === 2 ? { type: 'transfer-to-ai', actor, conversationId: c.id } : { type: 'close', actor, conversationId: c.id });
  });
  for (const c of closed.slice(0, 5))
    commands.push({ type: 'inbound-message', actor: system, conversationId: c.id, messageId: `in-${wave}-${c.id}`, body: 'Me again' });
  const toggled = DESK[wave % DESK.length];
  const availability = world.state.users.get(toggled)!.availability === 'online' ? 'away' : 'online';
  commands.push({ type: 'set-availability', actor: system, userId: toggled, availability });
  return commands;
}

/** Nobody is past the limit, and a queue waits only while no online agent has a free slot. */
function checkRouting(world: RaceWorld, where: string) {
  const load = new Map<string, number>();
  let pending = 0;
  for (const c of world.state.conversations.values()) {
    if (c.status === 'pending') pending++;
    if (c.status === 'open' && c.assignee?.type === 'user') load.set(c.assignee.id, (load.get(c.assignee.id) ?? 0) + 1);
  }
  for (const [id, count] of load) assert.ok(count <= LIMIT, `${where}: ${id} holds ${count} > ${LIMIT}`);
  if (pending > 0)
    for (const id of DESK) {
      const user = world.state.users.get(id)!;
      if (user.availability === 'online')
        assert.equal(load.get(id) ?? 0, LIMIT, `${where}: ${pending} wait while ${id} is online with a free slot`);
    }
}

/** Replayed one event at a time: every automatic assignment lands on an agent within the limit. */
function checkAutoAssignments(seed: WorkspaceSnapshot, events: { id: number; event: BatonEvent }[]) {
  const held = new Map(seed.conversations.map((c) => [c.id, c]));
  let autos = 0;
  for (const { id, event } of events) {
    if (event.type !== 'conversation') continue;
    held.set(event.conversation.id, event.conversation);
    if (!event.entry?.auto || event.entry.to?.type !== 'user') continue;
    autos++;
    const agentId = event.entry.to.id;
    const count = [...held.values()].filter((c) => c.status === 'open' && c.assignee?.type === 'user' && c.assignee.id === agentId).length;
    assert.ok(count <= LIMIT, `event ${id}: routing gave ${agentId} conversation ${count}, over the limit ${LIMIT}`);
  }
  assert.ok(autos > 0, 'routing assigned something');
}

after(() => console.log(`races: ${roundsRun} rounds of ${CLIENTS} clients (${ROUNDS} per backend), ${WAVES} routing waves per backend`));
