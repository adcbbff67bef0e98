import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createState, decide, type Command, type WorkspaceState } from '../src/index.js';
import { as, conversation, mine, system, T0, user, workspace, type WorkspaceSpec } from './fixtures.js';

/** Applies commands in order (each must be accepted) and returns the final state. */
function play(spec: WorkspaceSpec | WorkspaceState, commands: Command[], random?: () => number): WorkspaceState {
  let state = 'index' in spec ? spec : createState(workspace(spec));
  commands.forEach((command, i) => {
    const result = decide(state, command, { now: T0 + 100 * (i + 1), random });
    assert.ok(result.ok, result.ok ? '' : `${command.type}: ${result.code} ${result.message}`);
    state = result.state;
  });
  return state;
}

const assigneeOf = (state: WorkspaceState, id: string) => {
  const a = state.conversations.get(id)!.assignee;
  return a?.type === 'user' ? a.id : (a?.type ?? null);
};
const aiHeld = (id: string) => conversation(id, { assignee: { type: 'ai', id: 'ai' }, createdAt: T0 });
const toTeamspace = (id: string): Command => ({ type: 'handoff', actor: system, conversationId: id, target: { type: 'teamspace' } });

const three = [user('ann'), user('ben'), user('cat')];

describe('balanced', () => {
  test('fewest open conversations wins', () => {
    const state = play(
      { users: three, teams: { t: ['ann', 'ben', 'cat'] }, conversations: [aiHeld('x'), conversation('a1', mine('ann')), conversation('c1', mine('cat'))] },
      [toTeamspace('x')],
    );
    assert.equal(assigneeOf(state, 'x'), 'ben');
  });
  test('tie: longest since last assignment, then id', () => {
    const spec: WorkspaceSpec = { users: three, teams: { t: ['ann', 'ben', 'cat'] }, conversations: ['x', 'y', 'z', 'w'].map(aiHeld) };
    // nobody was ever assigned: id order first; afterwards the one assigned longest ago
    const state = play(spec, [toTeamspace('x'), toTeamspace('y'), toTeamspace('z'), { type: 'close', actor: as('ann'), conversationId: 'x' }, { type: 'close', actor: as('ben'), conversationId: 'y' }, toTeamspace('w')]);
    assert.deepEqual(['x', 'y', 'z'].map((id) => state.log.get(id)![0].to), [{ type: 'user', id: 'ann' }, { type: 'user', id: 'ben' }, { type: 'user', id: 'cat' }]);
    assert.equal(assigneeOf(state, 'w'), 'ann', 'ann and ben both hold 0; ann was assigned longer ago');
  });
});

describe('random', () => {
  test('uses the injected random source over the eligible agents', () => {
    const spec: WorkspaceSpec = { settings: { method: 'random' }, users: three, teams: { t: ['ann', 'ben', 'cat'] }, conversations: [aiHeld('x')] };
    assert.equal(assigneeOf(play(spec, [toTeamspace('x')], () => 0), 'x'), 'ann');
    assert.equal(assigneeOf(play(spec, [toTeamspace('x')], () => 0.5), 'x'), 'ben');
    assert.equal(assigneeOf(play(spec, [toTeamspace('x')], () => 0.99), 'x'), 'cat');
  });
  test('is roughly uniform with a seeded source', () => {
    let seed = 42;
    const lcg = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ids = Array.from({ length: 300 }, (_, i) => `c${i}`);
    const spec: WorkspaceSpec = { settings: { method: 'random' }, users: three, teams: { t: ['ann', 'ben', 'cat'] }, conversations: ids.map(aiHeld) };
    const state = play(spec, ids.map(toTeamspace), lcg);
    const counts = ['ann', 'ben', 'cat'].map((u) => ids.filter((id) => assigneeOf(state, id) === u).length);
    for (const n of counts) assert.ok(n > 70 && n < 130, `counts ${counts}`);
  });
  test('falls back to a seeded hash so decide stays pure without a source', () => {
    const spec: WorkspaceSpec = { settings: { method: 'random' }, users: three, teams: { t: ['ann', 'ben', 'cat'] }, conversations: [aiHeld('x')] };
    const a = play(spec, [toTeamspace('x')]);
    const b = play(spec, [toTeamspace('x')]);
    assert.equal(assigneeOf(a, 'x'), assigneeOf(b, 'x'));
  });
});

describe('round-robin', () => {
  test('in the order agents came online, the chosen one going last', () => {
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const spec: WorkspaceSpec = {
      settings: { method: 'round-robin' },
      users: [user('ann'), user('ben', { availability: 'away' }), user('cat')],
      teams: { t: ['ann', 'ben', 'cat'] },
      onlineOrder: ['cat', 'ann'],
      conversations: ids.map(aiHeld),
    };
    const state = play(spec, [
      toTeamspace('c1'),
      toTeamspace('c2'),
      { type: 'set-availability', actor: as('ben'), userId: 'ben', availability: 'online' },
      toTeamspace('c3'),
      toTeamspace('c4'),
      toTeamspace('c5'),
    ]);
    // ben joins the rotation at its end, behind cat and ann who were just chosen
    assert.deepEqual(ids.map((id) => assigneeOf(state, id)), ['cat', 'ann', 'cat', 'ann', 'ben']);
  });
  test('after a downgrade below Pro it routes as balanced until reconfigured', () => {
    const spec: WorkspaceSpec = {
      plan: 'lite',
      settings: { method: 'round-robin' },
      users: three,
      teams: { t: ['ann', 'ben', 'cat'] },
      onlineOrder: ['cat', 'ben', 'ann'],
      conversations: [aiHeld('x'), conversation('o', mine('ann'))],
    };
    assert.equal(assigneeOf(play(spec, [toTeamspace('x')]), 'x'), 'ben', 'balanced: ben (0, id before cat)');
    assert.equal(assigneeOf(play({ ...spec, plan: 'pro' }, [toTeamspace('x')]), 'x'), 'cat', 'round-robin: cat came online first');
  });
});

describe('voluntary', () => {
  test('never auto-assigns: conversations wait to be claimed', () => {
    const state = play({ settings: { method: 'voluntary' }, users: three, teams: { t: ['ann', 'ben', 'cat'] }, conversations: [aiHeld('x')] }, [toTeamspace('x'), { type: 'set-availability', actor: as('ann'), userId: 'ann', availability: 'online' }]);
    assert.equal(state.conversations.get('x')!.status, 'pending');
  });
});

describe('eligibility', () => {
  test('away, deactivated, receive-less and full agents get no new chats', () => {
    const users = [user('ann', { availability: 'away' }), user('ben', { active: false }), user('cat', { receive: false }), user('dot'), user('eve')];
    const state = play(
      { settings: { autoAssignLimit: 1 }, users, teams: { t: users.map((u) => u.id) }, conversations: [aiHeld('x'), conversation('d1', mine('dot', { autoAssigned: true }))] },
      [toTeamspace('x')],
    );
    assert.equal(assigneeOf(state, 'x'), 'eve');
  });
  test('the limit counts the open conversations routing gave an agent, not the ones handed to them', () => {
    // Ann holds one chat a colleague transferred to her and one routing gave her; the limit is 2.
    const spec = {
      settings: { autoAssignLimit: 2 },
      users: [user('ann')],
      teams: { t: ['ann'] },
      conversations: [aiHeld('x'), aiHeld('y'), conversation('given', mine('ann')), conversation('routed', mine('ann', { autoAssigned: true }))],
    };
    const state = play(spec, [toTeamspace('x'), toTeamspace('y')]);
    assert.equal(assigneeOf(state, 'x'), 'ann', 'one routed of two: room for one more');
    assert.equal(state.conversations.get('x')!.autoAssigned, true);
    assert.equal(state.conversations.get('y')!.status, 'pending', 'two routed: full, though she holds three');
    assert.equal(state.index.load.get('ann'), 3);
    assert.equal(state.index.autoLoad.get('ann'), 2);
  });
  test('a snapshot written before conversations said whether routing chose them: the log tells', () => {
    const snapshot = workspace({ settings: { autoAssignLimit: 1 }, users: [user('ann')], teams: { t: ['ann'] }, conversations: [aiHeld('x'), conversation('r', mine('ann')), conversation('g', mine('ann'))] });
    const entry = (conversationId: string, auto: boolean) => ({ conversationId, action: 'routed' as const, actor: system, from: null, to: { type: 'user' as const, id: 'ann' }, team: null, status: 'open' as const, note: null, auto, at: T0 - 10, version: 1 });
    // A routed conversation closed and reopened since (the assignee kept) still counts as routed.
    const kept = (action: 'closed' | 'reopened') => ({ ...entry('r', false), action, from: { type: 'user' as const, id: 'ann' } });
    snapshot.log = [entry('r', true), entry('g', false), kept('closed'), kept('reopened')];
    const state = createState(snapshot);
    assert.equal(state.index.autoLoad.get('ann'), 1, 'r was routed to her, g was not');
    assert.equal(state.conversations.get('r')!.autoAssigned, true);
    assert.equal(play(state, [toTeamspace('x')]).conversations.get('x')!.status, 'pending', 'she is full');
  });
  test('a conversation taken over, claimed or transferred no longer counts for the one routing gave it to', () => {
    const spec = {
      settings: { autoAssignLimit: 1 },
      users: [user('ann'), user('ben', { level: 'workspace' })],
      teams: { t: ['ann', 'ben'] },
      conversations: [aiHeld('x'), conversation('routed', mine('ann', { autoAssigned: true }))],
    };
    const state = play(spec, [{ type: 'takeover', actor: as('ben'), conversationId: 'routed', messageId: 'm', body: 'Mine' }]);
    assert.equal(state.conversations.get('routed')!.autoAssigned, false);
    assert.equal(state.index.autoLoad.get('ben') ?? 0, 0, 'a takeover is not routing');
    assert.equal(state.index.autoLoad.get('ann'), 0);
    const next = play(state, [toTeamspace('x')]);
    assert.equal(assigneeOf(next, 'x'), 'ann', 'balanced: Ann holds nothing now');
  });
  test('no eligible agent: pending in the teamspace queue when it has no team', () => {
    const state = play({ settings: { autoAssignLimit: 1 }, users: [user('ann')], teams: { t: ['ann'] }, conversations: [aiHeld('x'), conversation('a1', mine('ann', { autoAssigned: true }))] }, [toTeamspace('x')]);
    const c = state.conversations.get('x')!;
    assert.equal(c.status, 'pending');
    assert.equal(c.team, null);
    assert.deepEqual([...state.index.queues.get('teamspace:ts:livechat')!], ['x']);
  });
});

describe('queue drain', () => {
  const queued: WorkspaceSpec = {
    settings: { autoAssignLimit: 1 },
    users: [user('ann'), user('ben', { availability: 'away' })],
    teams: { t: ['ann', 'ben'] },
    conversations: [
      conversation('a1', mine('ann', { team: 't', autoAssigned: true })),
      conversation('old', { status: 'pending', team: 't', pendingSince: T0 - 50 }),
      conversation('new', { status: 'pending', team: 't', pendingSince: T0 - 10 }),
      conversation('mid', { status: 'pending', team: null, pendingSince: T0 - 30 }),
    ],
  };
  test('an agent coming online takes the oldest first, up to the limit', () => {
    const state = play(queued, [{ type: 'set-availability', actor: as('ben'), userId: 'ben', availability: 'online' }]);
    assert.equal(assigneeOf(state, 'old'), 'ben');
    assert.equal(state.conversations.get('new')!.status, 'pending');
    assert.equal(state.conversations.get('mid')!.status, 'pending');
    assert.equal(state.log.get('old')!.at(-1)!.action, 'routed');
  });
  test('closing frees a slot: the oldest waiting conversation (across team and teamspace queues) is routed', () => {
    const state = play(queued, [{ type: 'close', actor: as('ann'), conversationId: 'a1' }]);
    assert.equal(assigneeOf(state, 'old'), 'ann');
    const again = play(state, [{ type: 'close', actor: as('ann'), conversationId: 'old' }]);
    assert.equal(assigneeOf(again, 'mid'), 'ann', 'mid (teamspace queue) waited longer than new');
  });
  test('transferring away frees a slot too', () => {
    const state = play({ ...queued, users: [user('ann'), user('ben')] , conversations: [conversation('a1', mine('ann', { team: 't' })), conversation('b1', mine('ben', { team: 't' })), conversation('old', { status: 'pending', team: 't', pendingSince: T0 - 50 })] }, [
      { type: 'transfer-to-ai', actor: as('ann'), conversationId: 'a1' },
    ]);
    assert.equal(assigneeOf(state, 'old'), 'ann');
  });
  test("a team linked to two teamspaces keeps one queue per teamspace: a voluntary one never blocks the other", () => {
    const state = createState(workspace({
      users: [user('ann'), user('ben', { availability: 'away' })],
      teams: { t: ['ann', 'ben'] },
      links: { t: ['ts', 'other'] },
      conversations: [
        conversation('a1', mine('ann', { team: 't' })),
        conversation('vol', { status: 'pending', team: 't', teamspace: 'other', pendingSince: T0 - 50 }),
        conversation('bal', { status: 'pending', team: 't', pendingSince: T0 - 10 }),
      ],
    }));
    const voluntary = decide(state, { type: 'configure-teamspace', actor: system, teamspaceId: 'other', settings: { method: 'voluntary' } }, { now: T0 });
    assert.ok(voluntary.ok);
    const next = play(voluntary.state, [{ type: 'set-availability', actor: as('ben'), userId: 'ben', availability: 'online' }]);
    assert.equal(next.conversations.get('vol')!.status, 'pending');
    assert.equal(assigneeOf(next, 'bal'), 'ben');
  });
  test('voluntary queues are never drained', () => {
    const state = play({ ...queued, settings: { method: 'voluntary', autoAssignLimit: 1 } }, [{ type: 'set-availability', actor: as('ben'), userId: 'ben', availability: 'online' }]);
    assert.equal(state.conversations.get('old')!.status, 'pending');
  });
  test('raising the limit drains; a drain changes several conversations, one version each', () => {
    const state = play(queued, [
      { type: 'set-availability', actor: as('ben'), userId: 'ben', availability: 'online' },
      { type: 'configure-teamspace', actor: system, teamspaceId: 'ts', settings: { autoAssignLimit: 5 } },
    ]);
    for (const id of ['old', 'new', 'mid']) assert.equal(state.conversations.get(id)!.status, 'open');
    assert.equal(state.conversations.get('new')!.version, 2);
  });
  test('an agent going away with redistribute hands their chats to routing', () => {
    const state = play({ users: [user('ann'), user('ben')], teams: { t: ['ann', 'ben'] }, conversations: [conversation('a1', mine('ann', { team: 't' })), conversation('a2', mine('ann'))] }, [
      { type: 'set-availability', actor: as('ann'), userId: 'ann', availability: 'away', redistribute: true },
    ]);
    assert.equal(assigneeOf(state, 'a1'), 'ben');
    assert.equal(assigneeOf(state, 'a2'), 'ben');
  });
  test('set away by an admin, the agent is told of each conversation routing moved; set away by themselves, not', () => {
    const spec = { users: [user('ann'), user('ben'), user('root', { role: 'admin' })], teams: { t: ['ann', 'ben'] }, conversations: [conversation('a1', mine('ann', { team: 't' })), conversation('a2', mine('ann'))] };
    const notes = (actor: string) => {
      const result = decide(createState(workspace(spec)), { type: 'set-availability', actor: as(actor), userId: 'ann', availability: 'away', redistribute: true }, { now: T0 + 100 });
      assert.ok(result.ok);
      return result.events.flatMap((e) => (e.type === 'notification' ? [`${e.notification.userId}:${e.notification.kind}:${e.notification.conversationId}`] : [])).sort();
    };
    assert.deepEqual(notes('root'), ['ann:unassigned:a1', 'ann:unassigned:a2', 'ben:assigned:a1', 'ben:assigned:a2']);
    assert.deepEqual(notes('ann'), ['ben:assigned:a1', 'ben:assigned:a2']);
  });
});

describe('indexes', () => {
  test('open load, queues and lookups follow every change', () => {
    const users = [user('ann'), user('ben', { level: 'team' }), user('cat')];
    const state = play({ users, teams: { t: ['ann', 'ben', 'cat'] }, conversations: [aiHeld('x'), conversation('p', { status: 'pending', team: 't', pendingSince: T0 })] }, [
      toTeamspace('x'),
      { type: 'claim', actor: as('ben'), conversationId: 'p' },
    ]);
    assert.equal(state.index.load.get('ann'), 1);
    assert.equal(state.index.load.get('ben'), 1);
    assert.equal(state.index.queues.get('team:t:ts:livechat'), undefined);
    assert.deepEqual([...state.index.byAssignee.get('user:ben')!], ['p']);
    assert.deepEqual([...state.index.byStatus.get('open')!].sort(), ['p', 'x']);
  });
});
