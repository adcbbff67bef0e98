/**
 * R4: the authorization matrix over HTTP. Every role × action × situation × plan, each cell's
 * expected outcome written by hand from SPEC §2–§3 (not computed by `decide`), each checking
 * the exact status and refusal code, and that a refused request changed nothing.
 *
 * Where several refusals apply, the table follows one precedence (the SPEC names the
 * conditions, not their order): credentials (401), a deactivated account, whether they may see
 * the conversation at all (one they may not see is not found, as for reads), the plan
 * (person-made assignment changes), a closed conversation, who holds it (assignee / already
 * assignee / not pending), then the permission level.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation, Plan, WorkspaceSnapshot } from '@baton/sdk';
import { startServer, type RunningServer } from '@baton/server';
import { agent, chat, digest, steppingClock, T0 } from './support.js';

const ROLES = ['admin', 'workspace', 'team', 'individual', 'receiveOnly', 'deactivated', 'badToken', 'noToken'] as const;
const ACTIONS = ['send', 'transfer', 'transferToTeam', 'transferToAi', 'takeover', 'claim', 'close'] as const;
const SITUATIONS = ['self', 'teammate', 'outsider', 'aiAgent', 'ownQueue', 'elsewhere', 'closed'] as const;
type Role = (typeof ROLES)[number];
type Action = (typeof ACTIONS)[number];
type Situation = (typeof SITUATIONS)[number];

/** Outcomes: accepted, or a refusal with its status. */
const OUTCOMES = {
  ok: { status: 200, code: null },
  PR: { status: 403, code: 'plan-required' },
  MP: { status: 403, code: 'missing-permission' },
  NA: { status: 403, code: 'not-assignee' },
  AA: { status: 409, code: 'already-assignee' },
  NP: { status: 409, code: 'not-pending' },
  CC: { status: 409, code: 'conversation-closed' },
  NF: { status: 404, code: 'not-found' },
  UN: { status: 401, code: 'missing-permission' },
} as const;
type Outcome = keyof typeof OUTCOMES;
type Row = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
type Table = Record<Role, Record<Action, Row>>;

const ALL = (outcome: Outcome): Row => [outcome, outcome, outcome, outcome, outcome, outcome, outcome];
/** The same outcomes, except in another teamspace, which a role below workspace level may not see. */
const SEEN_HERE = (outcome: Outcome): Row => [outcome, outcome, outcome, outcome, outcome, 'NF', outcome];

// Columns:          self  mate  out   ai    ownQ  else  closed
const LITE: Table = {
  admin: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    transfer:       ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    transferToTeam: ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    transferToAi:   ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    takeover:       ['AA', 'ok', 'ok', 'ok', 'ok', 'ok', 'CC'],
    claim:          ['AA', 'NP', 'NP', 'NP', 'ok', 'ok', 'CC'],
    close:          ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'CC'],
  },
  workspace: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    transfer:       ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    transferToTeam: ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    transferToAi:   ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    takeover:       ['AA', 'ok', 'ok', 'ok', 'ok', 'ok', 'CC'],
    claim:          ['AA', 'NP', 'NP', 'NP', 'ok', 'ok', 'CC'],
    close:          ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'CC'],
  },
  team: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transfer:       ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transferToTeam: ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transferToAi:   ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    takeover:       ['AA', 'ok', 'MP', 'ok', 'ok', 'NF', 'CC'],
    claim:          ['AA', 'NP', 'NP', 'NP', 'ok', 'NF', 'CC'],
    close:          ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
  },
  individual: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transfer:       ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transferToTeam: ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transferToAi:   ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    takeover:       ['AA', 'MP', 'MP', 'MP', 'MP', 'NF', 'CC'],
    claim:          ['AA', 'NP', 'NP', 'NP', 'MP', 'NF', 'CC'],
    close:          ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
  },
  // Transfer to the AI agent needs no transferTakeover (SPEC §3 lists none for it).
  receiveOnly: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transfer:       ['MP', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transferToTeam: ['MP', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transferToAi:   ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    takeover:       ['AA', 'MP', 'MP', 'MP', 'MP', 'NF', 'CC'],
    claim:          ['AA', 'NP', 'NP', 'NP', 'MP', 'NF', 'CC'],
    close:          ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
  },
  deactivated: {
    send: ALL('MP'), transfer: ALL('MP'), transferToTeam: ALL('MP'), transferToAi: ALL('MP'),
    takeover: ALL('MP'), claim: ALL('MP'), close: ALL('MP'),
  },
  badToken: {
    send: ALL('UN'), transfer: ALL('UN'), transferToTeam: ALL('UN'), transferToAi: ALL('UN'),
    takeover: ALL('UN'), claim: ALL('UN'), close: ALL('UN'),
  },
  noToken: {
    send: ALL('UN'), transfer: ALL('UN'), transferToTeam: ALL('UN'), transferToAi: ALL('UN'),
    takeover: ALL('UN'), claim: ALL('UN'), close: ALL('UN'),
  },
};

// Free: every person-made assignment change needs Lite; sending and closing work on every plan.
const FREE: Table = {
  admin: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    transfer: ALL('PR'), transferToTeam: ALL('PR'), transferToAi: ALL('PR'), takeover: ALL('PR'), claim: ALL('PR'),
    close:          ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'CC'],
  },
  workspace: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NA', 'CC'],
    transfer: ALL('PR'), transferToTeam: ALL('PR'), transferToAi: ALL('PR'), takeover: ALL('PR'), claim: ALL('PR'),
    close:          ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'CC'],
  },
  team: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transfer: SEEN_HERE('PR'), transferToTeam: SEEN_HERE('PR'), transferToAi: SEEN_HERE('PR'), takeover: SEEN_HERE('PR'), claim: SEEN_HERE('PR'),
    close:          ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
  },
  individual: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transfer: SEEN_HERE('PR'), transferToTeam: SEEN_HERE('PR'), transferToAi: SEEN_HERE('PR'), takeover: SEEN_HERE('PR'), claim: SEEN_HERE('PR'),
    close:          ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
  },
  receiveOnly: {
    send:           ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
    transfer: SEEN_HERE('PR'), transferToTeam: SEEN_HERE('PR'), transferToAi: SEEN_HERE('PR'), takeover: SEEN_HERE('PR'), claim: SEEN_HERE('PR'),
    close:          ['ok', 'NA', 'NA', 'NA', 'NA', 'NF', 'CC'],
  },
  deactivated: LITE.deactivated,
  badToken: LITE.badToken,
  noToken: LITE.noToken,
};

/** The agent behind each role (the two token roles have none). */
const ACTOR: Record<Role, string | null> = {
  admin: 'adm',
  workspace: 'wsp',
  team: 'tml',
  individual: 'ind',
  receiveOnly: 'rcv',
  deactivated: 'off',
  badToken: null,
  noToken: null,
};

const cellId = (role: Role, action: Action, situation: Situation) => `${role}.${action}.${situation}`;

/**
 * One conversation per cell, so cells do not disturb each other. Everyone is away and the
 * availability check is off: routing finds nobody, transfers to a person still work.
 */
function matrixWorkspace(plan: Plan): WorkspaceSnapshot {
  const away = { availability: 'away' as const };
  const conversations: Conversation[] = [];
  for (const role of ROLES)
    for (const action of ACTIONS)
      for (const situation of SITUATIONS) {
        const id = cellId(role, action, situation);
        const self = ACTOR[role] ?? 'mate';
        const fields: Record<Situation, Partial<Conversation>> = {
          self: { assignee: { type: 'user', id: self }, team: 'red' },
          teammate: { assignee: { type: 'user', id: 'mate' }, team: 'red' },
          outsider: { assignee: { type: 'user', id: 'out' }, team: 'blue' },
          aiAgent: { assignee: { type: 'ai', id: 'ai-main' } },
          ownQueue: { status: 'pending', team: 'red', pendingSince: T0 - 1000 },
          elsewhere: { status: 'pending', team: 'far', teamspace: 'ts-other', origin: 'ai-other', pendingSince: T0 - 1000 },
          closed: { status: 'closed', assignee: { type: 'ai', id: 'ai-main' }, team: 'red' },
        };
        conversations.push(chat(id, fields[situation]));
      }
  const settings = { method: 'balanced' as const, availabilityCheck: false, autoAssignLimit: null };
  return {
    workspace: { id: 'matrix', name: 'Matrix', plan },
    teamspaces: [
      { id: 'ts-main', name: 'Main', settings },
      { id: 'ts-other', name: 'Other', settings },
    ],
    teams: [
      { id: 'red', name: 'Red', teamspaces: ['ts-main'], members: ['adm', 'wsp', 'tml', 'ind', 'rcv', 'off', 'mate', 'tgt'] },
      { id: 'blue', name: 'Blue', teamspaces: ['ts-main'], members: ['out'] },
      { id: 'far', name: 'Far', teamspaces: ['ts-other'], members: ['farer'] },
    ],
    users: [
      agent('adm', { ...away, role: 'admin', level: null }),
      agent('wsp', { ...away, level: 'workspace' }),
      agent('tml', { ...away, level: 'team' }),
      agent('ind', { ...away, level: 'individual' }),
      agent('rcv', { ...away, level: null }),
      agent('off', { ...away, level: 'team', active: false }),
      agent('mate', { ...away, level: 'individual' }),
      agent('tgt', { ...away, level: 'individual' }),
      agent('out', { ...away, level: 'individual' }),
      agent('farer', { ...away, level: 'individual' }),
    ],
    aiAgents: [
      { id: 'ai-main', name: 'Main AI', teamspace: 'ts-main' },
      { id: 'ai-other', name: 'Other AI', teamspace: 'ts-other' },
    ],
    conversations,
    messages: [],
    log: [],
    clock: T0,
    seed: 1,
  };
}

/** The route and body of each action. */
function requestFor(action: Action, id: string): { path: string; body: Record<string, unknown> } {
  const on = (rest: string) => `/v1/conversations/${encodeURIComponent(id)}/${rest}`;
  switch (action) {
    case 'send':
      return { path: on('messages'), body: { messageId: `m-${id}`, body: 'Hello' } };
    case 'transfer':
      return { path: on('transfer'), body: { target: { type: 'user', userId: 'tgt' }, note: 'Over to you' } };
    case 'transferToTeam':
      return { path: on('transfer'), body: { target: { type: 'team', teamId: 'blue' } } };
    case 'transferToAi':
      return { path: on('transfer'), body: { target: { type: 'ai' } } };
    case 'takeover':
      return { path: on('takeover'), body: { messageId: `m-${id}`, body: 'Taking over' } };
    case 'claim':
      return { path: on('claim'), body: {} };
    case 'close':
      return { path: on('close'), body: {} };
  }
}

/** What an accepted action must have done to its conversation. */
function checkAccepted(action: Action, actorId: string, before: Conversation, after: Conversation, messageIds: string[]) {
  assert.equal(after.version, before.version + 1, 'an accepted action bumps the version by one');
  const assignee = (id: string) => ({ type: 'user', id });
  switch (action) {
    case 'send':
      assert.deepEqual(after.assignee, before.assignee);
      assert.ok(messageIds.includes(`m-${after.id}`), 'the message is stored');
      break;
    case 'transfer':
      assert.deepEqual(after.assignee, assignee('tgt'));
      break;
    case 'transferToTeam':
      // Nobody in Blue is online: it waits in Blue's queue.
      assert.deepEqual([after.team, after.status, after.assignee], ['blue', 'pending', null]);
      break;
    case 'transferToAi':
      assert.deepEqual(after.assignee, { type: 'ai', id: before.origin });
      break;
    case 'takeover':
      assert.deepEqual([after.assignee, after.status], [assignee(actorId), 'open']);
      assert.ok(messageIds.includes(`m-${after.id}`), 'the takeover message is sent in the same step');
      break;
    case 'claim':
      assert.deepEqual([after.assignee, after.status], [assignee(actorId), 'open']);
      break;
    case 'close':
      assert.equal(after.status, 'closed');
      assert.deepEqual(after.assignee, { type: 'ai', id: before.origin });
      break;
  }
}

/** A digest of what a cell could touch: the workspace, its people and teams, the cell's conversation, messages and log. */
function cellDigest(server: RunningServer, id: string) {
  const { state, lastEventId } = server.service;
  return digest({
    workspace: state.workspace,
    teamspaces: [...state.teamspaces.values()],
    teams: [...state.teams.values()],
    users: [...state.users.values()],
    conversations: [state.conversations.get(id)!],
    messages: state.messages.get(id) ?? [],
    log: state.log.get(id) ?? [],
    clock: lastEventId,
  } as unknown as WorkspaceSnapshot);
}

let cellsRun = 0;
let accepted = 0;

for (const [plan, table] of [['free', FREE], ['lite', LITE]] as const) {
  describe(`authorization matrix over HTTP: ${plan} plan`, () => {
    let server: RunningServer;
    before(async () => {
      server = await startServer({ seed: matrixWorkspace(plan), now: steppingClock(), port: 0, systemToken: 'matrix-system' });
    });
    after(() => server?.close());

    for (const role of ROLES)
      it(`${role}: every action in every situation`, async () => {
        const failures: string[] = [];
        const wholeBefore = digest(server.service.snapshot());
        const refusesAll = ACTIONS.every((action) => table[role][action].every((outcome) => outcome !== 'ok'));
        for (const action of ACTIONS)
          for (const [column, situation] of SITUATIONS.entries()) {
            const expected = OUTCOMES[table[role][action][column]];
            const id = cellId(role, action, situation);
            const { path, body } = requestFor(action, id);
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            if (role === 'badToken') headers.authorization = 'Bearer token-nobody';
            else if (role !== 'noToken') headers.authorization = `Bearer token-${ACTOR[role]}`;
            const before = structuredClone(server.service.state.conversations.get(id)!);
            const digestBefore = cellDigest(server, id);
            const eventsBefore = server.service.lastEventId;
            const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
            const answer = (await response.json()) as { code?: string; status?: number };
            cellsRun++;
            const cell = `${plan} × ${role} × ${action} × ${situation}`;
            const got = `${response.status} ${answer.code ?? ''}`.trim();
            const want = `${expected.status} ${expected.code ?? ''}`.trim();
            if (got !== want) {
              failures.push(`${cell}: expected ${want}, got ${got}`);
              continue;
            }
            const after = server.service.state.conversations.get(id)!;
            if (expected.code === null) {
              accepted++;
              const messageIds = (server.service.state.messages.get(id) ?? []).map((m) => m.id);
              checkAccepted(action, ACTOR[role]!, before, after, messageIds);
            } else {
              assert.equal(response.headers.get('content-type'), 'application/problem+json', cell);
              assert.equal(answer.status, expected.status, `${cell}: the problem repeats its status`);
              assert.equal(server.service.lastEventId, eventsBefore, `${cell}: a refusal appends no event`);
              assert.deepEqual(after, before, `${cell}: a refusal leaves the conversation as it was`);
              assert.equal(cellDigest(server, id), digestBefore, `${cell}: a refusal changes nothing`);
            }
          }
        // A row of refusals leaves the whole workspace as it was.
        if (refusesAll) assert.equal(digest(server.service.snapshot()), wholeBefore, `${role}: refusals changed the workspace`);
        assert.deepEqual(failures, [], `cells that disagree with the table:\n${failures.join('\n')}`);
      });
  });
}

after(() => {
  const expectedCells = 2 * ROLES.length * ACTIONS.length * SITUATIONS.length;
  console.log(`authorization matrix: ${cellsRun} cells ran (${accepted} accepted, ${cellsRun - accepted} refused) of ${expectedCells}`);
  assert.equal(cellsRun, expectedCells, 'every cell ran');
});
