import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can, createState, decide, REFUSAL_CODES, type Command, type DecideResult, type RefusalCode } from '../src/index.js';
import { as, conversation, mine, system, T0, user, workspace, type WorkspaceSpec } from './fixtures.js';

const produced = new Set<RefusalCode>();

function run(spec: WorkspaceSpec, command: Command): DecideResult {
  const result = decide(createState(workspace(spec)), command, { now: T0 + 10 });
  if (!result.ok) produced.add(result.code);
  return result;
}

function refused(result: DecideResult, code: RefusalCode) {
  assert.equal(result.ok, false, `expected refusal ${code}, got acceptance`);
  if (!result.ok) {
    assert.equal(result.code, code, result.message);
    assert.ok(result.message.length > 5, 'refusal carries a readable sentence');
  }
}

function accepted(result: DecideResult) {
  assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.message}`);
  return result as Extract<DecideResult, { ok: true }>;
}

const after = (result: DecideResult, id: string) => accepted(result).state.conversations.get(id)!;

describe('send', () => {
  const spec = { conversations: [conversation('c', mine('alice'))] };
  test('the assignee sends; the message is appended and the version bumps once', () => {
    const result = accepted(run(spec, { type: 'send', actor: as('alice'), conversationId: 'c', messageId: 'm1', body: 'Hello' }));
    assert.deepEqual(result.state.messages.get('c')?.map((m) => m.body), ['Hello']);
    assert.equal(result.state.conversations.get('c')!.version, 2);
  });
  test('someone else may not send', () => {
    refused(run(spec, { type: 'send', actor: as('bob'), conversationId: 'c', messageId: 'm1', body: 'Hi' }), 'not-assignee');
  });
  test('an empty message is refused', () => {
    refused(run(spec, { type: 'send', actor: as('alice'), conversationId: 'c', messageId: 'm1', body: '  \n' }), 'empty-message');
  });
  test('a closed conversation takes no message', () => {
    const closed = { conversations: [conversation('c', { kind: 'ticket', status: 'closed', assignee: { type: 'user', id: 'alice' } })] };
    refused(run(closed, { type: 'send', actor: as('alice'), conversationId: 'c', messageId: 'm1', body: 'Hi' }), 'conversation-closed');
  });
  test('an unknown conversation is not found', () => {
    refused(run(spec, { type: 'send', actor: as('alice'), conversationId: 'nope', messageId: 'm1', body: 'Hi' }), 'not-found');
  });
  test('a repeated message id is accepted once and changes nothing again', () => {
    const state = createState(workspace(spec));
    const command: Command = { type: 'send', actor: as('alice'), conversationId: 'c', messageId: 'm1', body: 'Hello' };
    const first = accepted(decide(state, command));
    const second = accepted(decide(first.state, command));
    assert.equal(second.duplicate, true);
    assert.equal(second.events.length, 0);
    assert.equal(second.state.messages.get('c')?.length, 1);
  });
  test("a message id is its conversation's alone: the same author's reuse elsewhere is refused, not taken for a retry", () => {
    const state = createState(workspace({ conversations: [conversation('c', mine('alice')), conversation('d', mine('alice'))] }));
    const first = accepted(decide(state, { type: 'send', actor: as('alice'), conversationId: 'c', messageId: 'm1', body: 'Hello' }));
    const elsewhere = decide(first.state, { type: 'send', actor: as('alice'), conversationId: 'd', messageId: 'm1', body: 'Hello' });
    refused(elsewhere, 'invalid-input');
    assert.equal(!elsewhere.ok && elsewhere.params?.field, 'messageId');
    // Nor for an id that names no conversation: it is no retry, and nothing is said of one.
    const hidden = decide(first.state, { type: 'takeover', actor: as('alice'), conversationId: 'nope', messageId: 'm1', body: 'Hello' });
    refused(hidden, 'invalid-input');
  });
  test("a message id is its author's alone: another author's reuse is refused, not taken for a retry", () => {
    const state = createState(workspace({ conversations: [conversation('c', mine('alice')), conversation('d', mine('bob'))] }));
    const first = accepted(decide(state, { type: 'send', actor: as('alice'), conversationId: 'c', messageId: 'm1', body: 'Hello' }));
    const collision = decide(first.state, { type: 'send', actor: as('bob'), conversationId: 'd', messageId: 'm1', body: 'Hi' });
    assert.equal(!collision.ok && collision.code, 'invalid-input');
  });
});

describe('transfer to a user', () => {
  const spec: WorkspaceSpec = { conversations: [conversation('c', mine('alice', { team: 'support' }))] };
  const transfer = (target: string, actor = 'alice', note?: string): Command => ({
    type: 'transfer', actor: as(actor), conversationId: 'c', targetUserId: target, ...(note ? { note } : {}),
  });
  test('moves the assignee, logs it with the note, notifies the target', () => {
    const result = accepted(run(spec, transfer('bob', 'alice', 'VIP')));
    const c = result.state.conversations.get('c')!;
    assert.deepEqual(c.assignee, { type: 'user', id: 'bob' });
    const entry = result.state.log.get('c')!.at(-1)!;
    assert.equal(entry.action, 'transfer');
    assert.equal(entry.note, 'VIP');
    assert.deepEqual(entry.from, { type: 'user', id: 'alice' });
    assert.equal(entry.version, 2);
    const notified = result.events.flatMap((e) => (e.type === 'notification' ? [e.notification] : []));
    assert.deepEqual(notified.map((n) => [n.userId, n.kind]), [['bob', 'assigned']]);
  });
  test('requires the Lite plan', () => {
    refused(run({ ...spec, plan: 'free' }, transfer('bob')), 'plan-required');
    accepted(run({ ...spec, plan: 'lite' }, transfer('bob')));
  });
  test('only the assignee transfers', () => refused(run(spec, transfer('carol', 'bob')), 'not-assignee'));
  test('needs the transferTakeover permission', () => {
    const users = [user('alice', { level: null }), user('bob')];
    refused(run({ ...spec, users }, transfer('bob')), 'missing-permission');
  });
  test('not to yourself', () => refused(run(spec, transfer('alice')), 'already-assignee'));
  test('not to someone who cannot receive, or is deactivated', () => {
    refused(run({ ...spec, users: [user('alice'), user('bob', { receive: false })] }, transfer('bob')), 'target-not-permitted');
    refused(run({ ...spec, users: [user('alice'), user('bob', { active: false })] }, transfer('bob')), 'target-not-permitted');
  });
  test('an away target is refused only under the availability check', () => {
    const users = [user('alice'), user('bob', { availability: 'away' })];
    refused(run({ ...spec, users, settings: { availabilityCheck: true } }, transfer('bob')), 'target-unavailable');
    accepted(run({ ...spec, users, settings: { availabilityCheck: false } }, transfer('bob')));
  });
  test('a manual transfer may exceed the auto-assign limit', () => {
    const conversations = [conversation('c', mine('alice')), conversation('b1', mine('bob'))];
    const result = run({ conversations, settings: { autoAssignLimit: 1 } }, transfer('bob'));
    assert.deepEqual(after(result, 'c').assignee, { type: 'user', id: 'bob' });
  });
  test('unknown target is not found; a closed conversation is refused', () => {
    refused(run(spec, transfer('zed')), 'not-found');
    const closed = { conversations: [conversation('c', { kind: 'ticket', status: 'closed', assignee: { type: 'user', id: 'alice' } })] };
    refused(run(closed, transfer('bob')), 'conversation-closed');
  });
  test('a stale expectedVersion is a version conflict carrying the current conversation', () => {
    const result = run(spec, { ...transfer('bob'), expectedVersion: 0 } as Command);
    refused(result, 'version-conflict');
    assert.equal(!result.ok && result.conversation?.version, 1);
  });
});

describe('transfer to a team', () => {
  const base: WorkspaceSpec = {
    teams: { support: ['alice', 'bob'], billing: ['carol', 'dan'], elsewhere: ['erin'] },
    links: { elsewhere: ['other'] },
    users: [user('alice'), user('bob', { level: 'team' }), user('carol'), user('dan'), user('erin')],
    conversations: [conversation('c', mine('alice', { team: 'support' })), conversation('x', mine('carol'))],
  };
  const toTeam = (teamId: string, actor = 'alice'): Command => ({ type: 'transfer-to-team', actor: as(actor), conversationId: 'c', teamId, note: 'over to you' });
  test('routing picks a member of that team', () => {
    const result = run(base, toTeam('billing'));
    const c = after(result, 'c');
    assert.equal(c.team, 'billing');
    assert.deepEqual(c.assignee, { type: 'user', id: 'dan' }, 'dan has fewer open conversations than carol');
    const entry = accepted(result).state.log.get('c')!.at(-1)!;
    assert.equal(entry.action, 'transfer-to-team');
    assert.equal(entry.auto, true);
  });
  test('never back to the actor, even when the actor is the least loaded member', () => {
    const c = after(run(base, toTeam('support')), 'c');
    assert.deepEqual(c.assignee, { type: 'user', id: 'bob' });
  });
  test('no eligible member: pending in the team queue', () => {
    const users = [user('alice'), user('bob'), user('carol', { availability: 'away' }), user('dan', { availability: 'away' }), user('erin')];
    const c = after(run({ ...base, users }, toTeam('billing')), 'c');
    assert.equal(c.status, 'pending');
    assert.equal(c.assignee, null);
    assert.equal(c.pendingSince, T0 + 10);
  });
  test('the team must be linked to the conversation teamspace', () => refused(run(base, toTeam('elsewhere')), 'team-not-linked'));
  test('plan, assignee, permission, unknown team', () => {
    refused(run({ ...base, plan: 'free' }, toTeam('billing')), 'plan-required');
    refused(run(base, toTeam('billing', 'bob')), 'not-assignee');
    refused(run({ ...base, users: [user('alice', { level: null }), user('bob'), user('carol'), user('dan'), user('erin')] }, toTeam('billing')), 'missing-permission');
    refused(run(base, toTeam('ghosts')), 'not-found');
  });
});

describe('transfer to the AI agent', () => {
  const spec: WorkspaceSpec = { conversations: [conversation('c', mine('alice')), conversation('t', mine('alice', { kind: 'ticket', origin: null }))] };
  test('returns a livechat to its origin AI agent', () => {
    const result = run(spec, { type: 'transfer-to-ai', actor: as('alice'), conversationId: 'c' });
    assert.deepEqual(after(result, 'c').assignee, { type: 'ai', id: 'ai' });
    assert.equal(accepted(result).state.log.get('c')!.at(-1)!.action, 'transfer-to-ai');
  });
  test('or to a named AI agent of the same teamspace only', () => {
    refused(run(spec, { type: 'transfer-to-ai', actor: as('alice'), conversationId: 'c', aiAgentId: 'ai2' }), 'target-not-permitted');
    accepted(run(spec, { type: 'transfer-to-ai', actor: as('alice'), conversationId: 'c', aiAgentId: 'ai' }));
  });
  test('tickets have no AI agent to go back to', () => {
    refused(run(spec, { type: 'transfer-to-ai', actor: as('alice'), conversationId: 't' }), 'no-origin-ai');
  });
  test('plan and assignee', () => {
    refused(run({ ...spec, plan: 'free' }, { type: 'transfer-to-ai', actor: as('alice'), conversationId: 'c' }), 'plan-required');
    refused(run(spec, { type: 'transfer-to-ai', actor: as('bob'), conversationId: 'c' }), 'not-assignee');
  });
});

describe('takeover (Takeover & Send)', () => {
  const spec: WorkspaceSpec = {
    users: [user('alice'), user('bob', { level: 'team' }), user('carol', { level: 'team' }), user('wanda', { level: 'workspace' }), user('ivy'), user('rex', { receive: false, level: 'workspace' })],
    teams: { support: ['alice', 'bob', 'ivy'], billing: ['carol'] },
    conversations: [
      conversation('c', mine('alice', { team: 'support' })),
      conversation('ai', { assignee: { type: 'ai', id: 'ai' } }),
      conversation('p', { status: 'pending', team: 'billing', pendingSince: T0 - 5 }),
    ],
  };
  const takeover = (actor: string, id = 'c', body = 'I have it'): Command => ({ type: 'takeover', actor: as(actor), conversationId: id, messageId: `m-${actor}-${id}`, body });
  test('assigns the actor and sends the message in one step with one version bump', () => {
    const result = accepted(run(spec, takeover('bob')));
    const c = result.state.conversations.get('c')!;
    assert.deepEqual(c.assignee, { type: 'user', id: 'bob' });
    assert.equal(c.version, 2);
    assert.equal(result.state.messages.get('c')!.at(-1)!.body, 'I have it');
    const [conversationEvents, notes] = [result.events.filter((e) => e.type === 'conversation'), result.events.filter((e) => e.type === 'notification')];
    assert.equal(conversationEvents.length, 1, 'one event carries both the assignment and the message');
    assert.deepEqual(notes.map((e) => e.type === 'notification' && [e.notification.userId, e.notification.kind]), [['alice', 'unassigned']]);
  });
  test('an empty message means nothing happens: neither assignment nor message', () => {
    refused(run(spec, takeover('bob', 'c', '')), 'empty-message');
  });
  test('team level reaches teammates and AI-held conversations of linked teamspaces; not other teams', () => {
    accepted(run(spec, takeover('bob', 'ai')));
    refused(run(spec, takeover('carol', 'c')), 'missing-permission');
  });
  test('individual level cannot take over others; workspace level can', () => {
    refused(run(spec, takeover('ivy')), 'missing-permission');
    accepted(run(spec, takeover('wanda')));
  });
  test('needs receive to become the assignee', () => refused(run(spec, takeover('rex')), 'missing-permission'));
  test('the assignee cannot take over their own conversation', () => refused(run(spec, takeover('alice')), 'already-assignee'));
  test('requires the Lite plan; refused on closed conversations', () => {
    refused(run({ ...spec, plan: 'free' }, takeover('bob')), 'plan-required');
    refused(run({ ...spec, conversations: [conversation('c', { kind: 'ticket', status: 'closed', assignee: { type: 'user', id: 'alice' } })] }, takeover('wanda')), 'conversation-closed');
  });
  test('of a pending conversation it is a claim with a message', () => {
    const result = accepted(run(spec, takeover('carol', 'p')));
    assert.equal(result.state.log.get('p')!.at(-1)!.action, 'claim');
    assert.equal(result.state.conversations.get('p')!.status, 'open');
  });
  test('deactivated agents can do nothing', () => {
    refused(run({ ...spec, users: [...spec.users!.filter((u) => u.id !== 'bob'), user('bob', { level: 'team', active: false })] }, takeover('bob')), 'missing-permission');
  });
});

describe('claim from a queue', () => {
  const spec: WorkspaceSpec = {
    users: [user('alice'), user('bob', { level: 'team' }), user('carol', { level: 'team' })],
    teams: { support: ['alice', 'bob'], billing: ['carol'] },
    links: { billing: ['other'] },
    conversations: [conversation('p', { status: 'pending', team: 'support', pendingSince: T0 - 5 }), conversation('c', mine('alice', { team: 'support' }))],
  };
  test('Claim without a message', () => {
    const result = accepted(run(spec, { type: 'claim', actor: as('bob'), conversationId: 'p' }));
    assert.deepEqual(result.state.conversations.get('p')!.assignee, { type: 'user', id: 'bob' });
    assert.equal(result.state.messages.get('p'), undefined);
  });
  test('Claim & Send with a message in the same step', () => {
    const result = accepted(run(spec, { type: 'claim', actor: as('bob'), conversationId: 'p', messageId: 'm', body: 'Hi!' }));
    assert.equal(result.state.messages.get('p')!.length, 1);
    assert.equal(result.state.conversations.get('p')!.version, 2);
  });
  test('not when it is no longer pending', () => refused(run(spec, { type: 'claim', actor: as('bob'), conversationId: 'c' }), 'not-pending'));
  test('not from a queue outside their reach', () => {
    // Alice sees her team's queue, but her role takes over nothing of anyone's.
    refused(run(spec, { type: 'claim', actor: as('alice'), conversationId: 'p' }), 'missing-permission');
    // Carol's team works in another teamspace: for her the conversation does not exist.
    refused(run(spec, { type: 'claim', actor: as('carol'), conversationId: 'p' }), 'not-found');
  });
  test('a message id without text is invalid input', () => {
    refused(run(spec, { type: 'claim', actor: as('bob'), conversationId: 'p', messageId: 'm' } as Command), 'invalid-input');
  });
});

describe('close', () => {
  const spec: WorkspaceSpec = {
    conversations: [conversation('c', mine('alice')), conversation('t', mine('alice', { kind: 'ticket', origin: null })), conversation('n', mine('alice', { origin: null }))],
  };
  test('a livechat closes back to its origin AI agent', () => {
    const result = accepted(run(spec, { type: 'close', actor: as('alice'), conversationId: 'c' }));
    const c = result.state.conversations.get('c')!;
    assert.equal(c.status, 'closed');
    assert.deepEqual(c.assignee, { type: 'ai', id: 'ai' });
    assert.equal(result.state.log.get('c')!.at(-1)!.action, 'chat-closed');
  });
  test('a ticket closes and keeps its assignee', () => {
    const c = after(run(spec, { type: 'close', actor: as('alice'), conversationId: 't' }), 't');
    assert.equal(c.status, 'closed');
    assert.deepEqual(c.assignee, { type: 'user', id: 'alice' });
  });
  test('works on the Free plan', () => {
    accepted(run({ ...spec, plan: 'free' }, { type: 'close', actor: as('alice'), conversationId: 'c' }));
  });
  test('closed by a workspace manager: a livechat tells its agent it went back; a kept ticket tells nobody', () => {
    const notes = (result: DecideResult) =>
      accepted(result).events.flatMap((e) => (e.type === 'notification' ? [`${e.notification.userId}:${e.notification.kind}:${e.notification.action}`] : []));
    assert.deepEqual(notes(run(spec, { type: 'close', actor: as('wanda'), conversationId: 'c' })), ['alice:unassigned:chat-closed']);
    assert.deepEqual(notes(run(spec, { type: 'close', actor: as('wanda'), conversationId: 't' })), []);
  });
  test('only the assignee, or workspace level', () => {
    refused(run(spec, { type: 'close', actor: as('bob'), conversationId: 'c' }), 'not-assignee');
    accepted(run(spec, { type: 'close', actor: as('wanda'), conversationId: 'c' }));
  });
  test('twice is refused; a livechat with no origin cannot close to an AI agent', () => {
    const state = accepted(run(spec, { type: 'close', actor: as('alice'), conversationId: 'c' })).state;
    const again = decide(state, { type: 'close', actor: as('alice'), conversationId: 'c' });
    refused(again, 'conversation-closed');
    produced.add('conversation-closed');
    refused(run(spec, { type: 'close', actor: as('alice'), conversationId: 'n' }), 'no-origin-ai');
  });
});

describe('handoff (AI agent → people)', () => {
  const base: WorkspaceSpec = {
    users: [user('alice'), user('bob'), user('carol', { availability: 'away' })],
    teams: { support: ['alice', 'bob'], billing: ['carol'] },
    conversations: [conversation('c', { assignee: { type: 'ai', id: 'ai' } }), conversation('b1', mine('alice'))],
  };
  const handoff = (target: Extract<Command, { type: 'handoff' }>['target'], actor: Command['actor'] = { type: 'ai', id: 'ai' }): Command => ({ type: 'handoff', actor, conversationId: 'c', target });
  test('to a specific user', () => {
    const c = after(run(base, handoff({ type: 'user', userId: 'alice' })), 'c');
    assert.deepEqual(c.assignee, { type: 'user', id: 'alice' });
  });
  test('a specific user who may not receive it leaves it pending in the teamspace queue', () => {
    const c = after(run({ ...base, settings: { availabilityCheck: true } }, handoff({ type: 'user', userId: 'carol' })), 'c');
    assert.equal(c.status, 'pending');
    assert.equal(c.team, null);
  });
  test('to any live agent of the teamspace, by routing', () => {
    const c = after(run(base, handoff({ type: 'teamspace' })), 'c');
    assert.deepEqual(c.assignee, { type: 'user', id: 'bob' }, 'bob has the lighter load');
  });
  test('to a team: its members only; queued when none is online', () => {
    const c = after(run(base, handoff({ type: 'team', teamId: 'billing' })), 'c');
    assert.equal(c.status, 'pending');
    assert.equal(c.team, 'billing');
  });
  test('works on every plan; people cannot issue it; a conversation held by a person is not the AI agent\'s to hand off', () => {
    accepted(run({ ...base, plan: 'free' }, handoff({ type: 'teamspace' })));
    refused(run(base, handoff({ type: 'teamspace' }, as('alice'))), 'missing-permission');
    const held = { ...base, conversations: [conversation('c', mine('bob'))] };
    refused(run(held, handoff({ type: 'teamspace' }, system)), 'not-assignee');
  });
});

describe('inbound customer message', () => {
  const spec: WorkspaceSpec = {
    users: [user('alice'), user('bob', { level: 'team' })],
    teams: { support: ['alice', 'bob'] },
    conversations: [
      conversation('c', mine('alice')),
      conversation('p', { status: 'pending', team: 'support', pendingSince: T0 - 1 }),
      conversation('closed', { status: 'closed', assignee: { type: 'ai', id: 'ai' } }),
    ],
  };
  const inbound = (id: string): Command => ({ type: 'inbound-message', actor: system, conversationId: id, messageId: `in-${id}`, body: 'Hello?' });
  const notified = (result: DecideResult) =>
    accepted(result).events.flatMap((e) => (e.type === 'notification' ? [`${e.notification.userId}:${e.notification.kind}`] : []));
  test('notifies the assignee only', () => assert.deepEqual(notified(run(spec, inbound('c'))), ['alice:message']));
  test('for a pending conversation, notifies the agents who may claim it', () => {
    assert.deepEqual(notified(run(spec, inbound('p'))), ['bob:message']);
  });
  test('everyone who may claim it is told, and nobody else: other teams of the teamspace, admins in no team', () => {
    const users = [
      user('bob', { level: 'team' }),
      user('cat', { level: 'team' }),
      user('root', { role: 'admin', level: null }),
      user('ida', { level: 'individual' }),
      user('far', { level: 'team' }),
    ];
    const wide: WorkspaceSpec = {
      users,
      teams: { t1: ['bob', 'ida'], t2: ['cat'], away: ['far'] },
      links: { away: ['other'] },
      conversations: [conversation('q', { status: 'pending', team: 't2', pendingSince: T0 - 1 })],
    };
    const state = createState(workspace(wide));
    const claimers = users.filter((u) => can(state, u.id, 'claim', 'q').allowed).map((u) => `${u.id}:message`);
    assert.deepEqual(claimers.sort(), ['bob:message', 'cat:message', 'root:message']);
    assert.deepEqual(notified(run(wide, inbound('q'))).sort(), claimers);
  });
  test('reopens a closed livechat with the AI agent it went back to', () => {
    const c = after(run(spec, inbound('closed')), 'closed');
    assert.equal(c.status, 'open');
    assert.deepEqual(c.assignee, { type: 'ai', id: 'ai' });
  });
  test('only the system delivers customer messages', () => {
    refused(run(spec, { ...inbound('c'), actor: as('alice') } as Command), 'missing-permission');
  });
});

describe('settings and plans', () => {
  test('configuring a method above the plan is refused with plan-required', () => {
    const cases: [string, string, boolean][] = [
      ['free', 'random', false], ['lite', 'random', true], ['lite', 'round-robin', false], ['pro', 'round-robin', true],
      ['pro', 'voluntary', false], ['total', 'voluntary', true], ['free', 'balanced', true],
    ];
    for (const [plan, method, ok] of cases) {
      const result = run({ plan: plan as never }, { type: 'configure-teamspace', actor: system, teamspaceId: 'ts', settings: { method: method as never } });
      if (ok) accepted(result);
      else refused(result, 'plan-required');
    }
  });
  test('only admins configure', () => {
    refused(run({}, { type: 'configure-teamspace', actor: as('alice'), teamspaceId: 'ts', settings: { autoAssignLimit: 2 } }), 'missing-permission');
  });
  test('malformed commands are invalid input and change nothing', () => {
    const bad: unknown[] = [
      null, {}, { type: 'send' }, { type: 'nope', actor: system },
      { type: 'configure-teamspace', actor: system, teamspaceId: 'ts', settings: { autoAssignLimit: 0 } },
      { type: 'transfer', actor: as('alice'), conversationId: 'c', targetUserId: 42 },
      { type: 'send', actor: as('alice'), conversationId: 'c', messageId: 'm', body: 'x'.repeat(20_001) },
      { type: 'send', actor: { type: 'robot' }, conversationId: 'c', messageId: 'm', body: 'x' },
      { type: 'transfer', actor: as('alice'), conversationId: 'c', targetUserId: 'bob', expectedVersion: -1 },
    ];
    for (const command of bad) refused(run({}, command as Command), 'invalid-input');
  });
  test('keys the state would store and broadcast, but no rule knows, are refused by name', () => {
    const full = { receive: true, transferTakeover: 'team' };
    const bad: [unknown, string][] = [
      [{ type: 'configure-teamspace', actor: system, teamspaceId: 'ts', settings: JSON.parse('{"__proto__": {"x": 1}, "availabilityCheck": true}') }, 'settings'],
      [{ type: 'configure-teamspace', actor: system, teamspaceId: 'ts', settings: { method: 'balanced', colour: 'red' } }, 'settings'],
      [{ type: 'update-user', actor: system, userId: 'alice', permissions: { livechats: { ...full, extra: 1 }, tickets: full } }, 'permissions'],
      [{ type: 'update-user', actor: system, userId: 'alice', permissions: { livechats: full, tickets: full, calls: full } }, 'permissions'],
      [{ type: 'close', actor: { type: 'user', id: 'alice', role: 'admin' }, conversationId: 'c' }, 'actor'],
    ];
    for (const [command, field] of bad) {
      const result = run({ conversations: [conversation('c', mine('alice'))] }, command as Command);
      refused(result, 'invalid-input');
      assert.equal(!result.ok && result.params?.field, field);
    }
    accepted(run({}, { type: 'configure-teamspace', actor: system, teamspaceId: 'ts', settings: { method: 'balanced', availabilityCheck: true, autoAssignLimit: 3 } }));
  });
});

describe('can', () => {
  const state = createState(workspace({ plan: 'free', conversations: [conversation('c', mine('alice'))] }));
  test('explains what is not allowed, with the same codes decide uses', () => {
    assert.deepEqual(can(state, 'alice', 'send', 'c'), { allowed: true });
    const transfer = can(state, 'alice', 'transfer', 'c');
    assert.equal(transfer.allowed, false);
    assert.equal(!transfer.allowed && transfer.message, 'Requires the Lite plan.');
    const takeover = can(createState(workspace({ conversations: [conversation('c', mine('alice'))] })), 'carol', 'takeover', 'c');
    assert.equal(!takeover.allowed && takeover.code, 'missing-permission');
    assert.match(!takeover.allowed ? takeover.message : '', /^Assigned to Alice\. Your role can't take over/);
  });
  test('checks a target when given one', () => {
    const lite = createState(workspace({ conversations: [conversation('c', mine('alice'))] }));
    assert.equal(can(lite, 'alice', 'transfer', 'c').allowed, true);
    const self = can(lite, 'alice', 'transfer', 'c', 'alice');
    assert.equal(!self.allowed && self.code, 'already-assignee');
  });
  test("every reason a target may not get a transfer: can's answer is decide's refusal, word for word", () => {
    const users = [
      user('alice'),
      user('bob'),
      user('dora', { active: false }),
      user('ned', { receive: false }),
      user('aaron', { availability: 'away' }),
    ];
    const state = createState(workspace({ users, settings: { availabilityCheck: true }, conversations: [conversation('c', mine('alice'))] }));
    const cases: Array<[string, RefusalCode | null]> = [
      ['bob', null],
      ['nobody', 'not-found'],
      ['alice', 'already-assignee'],
      ['dora', 'target-not-permitted'],
      ['ned', 'target-not-permitted'],
      ['aaron', 'target-unavailable'],
    ];
    for (const [target, code] of cases) {
      const decided = decide(state, { type: 'transfer', actor: as('alice'), conversationId: 'c', targetUserId: target });
      const asked = can(state, 'alice', 'transfer', 'c', target);
      if (code === null) {
        assert.ok(decided.ok, target);
        assert.deepEqual(asked, { allowed: true }, target);
        continue;
      }
      refused(decided, code);
      const { ok: _ok, ...refusal } = decided as Extract<DecideResult, { ok: false }>;
      assert.deepEqual(asked, { allowed: false, ...refusal }, target);
    }
    // The conversation's own checks come first, for every target alike.
    const free = createState(workspace({ plan: 'free', users, conversations: [conversation('c', mine('alice'))] }));
    const asked = can(free, 'alice', 'transfer', 'c', 'aaron');
    assert.equal(!asked.allowed && asked.code, 'plan-required');
  });
});

describe('a conversation the actor may not see', () => {
  // Dave's team works in another teamspace: he may not see Alice's conversation.
  const spec: WorkspaceSpec = {
    users: [user('alice'), user('dave', { level: 'workspace', receive: false }), user('erin', { level: 'team' })],
    teams: { support: ['alice'], billing: ['erin'] },
    links: { billing: ['other'] },
    conversations: [conversation('v', mine('alice', { team: 'support', subject: 'Refund for order 1042' }))],
  };
  const state = createState(workspace(spec));
  const unknown = decide(state, { type: 'close', actor: as('erin'), conversationId: 'nope' });
  const commands: Command[] = [
    { type: 'close', actor: as('erin'), conversationId: 'v', expectedVersion: 0 },
    { type: 'close', actor: as('erin'), conversationId: 'v' },
    { type: 'takeover', actor: as('erin'), conversationId: 'v', expectedVersion: 0, messageId: 'm', body: 'Mine' },
    { type: 'send', actor: as('erin'), conversationId: 'v', messageId: 'm', body: 'Hi' },
    { type: 'transfer', actor: as('erin'), conversationId: 'v', targetUserId: 'alice' },
  ];
  test('is refused as not found, as for an id that does not exist: no holder, no conversation', () => {
    for (const command of commands) {
      const result = decide(state, command);
      refused(result, 'not-found');
      assert.equal(!result.ok && result.conversation, undefined, command.type);
      assert.equal(!result.ok && result.message, !unknown.ok && unknown.message, command.type);
      assert.doesNotMatch(JSON.stringify(result), /Alice|Refund/, command.type);
    }
  });
  test('who loses a race and sight of it in one move still hears who won; without a version, it is gone', () => {
    // Alice holds a chat of another teamspace; Dave (workspace level) takes it over.
    const moved = { users: [user('alice'), user('dave', { level: 'workspace' }), user('erin')], teams: { support: ['alice', 'erin'], billing: ['dave'] }, links: { billing: ['other'] }, conversations: [conversation('x', mine('alice', { teamspace: 'other' }))] };
    const taken = accepted(run(moved, { type: 'takeover', actor: as('dave'), conversationId: 'x', messageId: 'd1', body: 'Mine' })).state;
    const lost = decide(taken, { type: 'send', actor: as('alice'), conversationId: 'x', expectedVersion: 1, messageId: 'a1', body: 'Still here' });
    refused(lost, 'version-conflict');
    assert.deepEqual(!lost.ok && lost.conversation?.assignee, { type: 'user', id: 'dave' });
    refused(decide(taken, { type: 'send', actor: as('alice'), conversationId: 'x', messageId: 'a1', body: 'Still here' }), 'not-found');
    // Erin never could see it: a stale version tells her nothing either.
    refused(decide(taken, { type: 'close', actor: as('erin'), conversationId: 'x', expectedVersion: 1 }), 'not-found');
  });
  test('can says the same for every action, and for seeing it', () => {
    for (const action of ['send', 'transfer', 'transfer-to-team', 'transfer-to-ai', 'takeover', 'claim', 'close', 'view'] as const) {
      const asked = can(state, 'erin', action, 'v');
      assert.equal(!asked.allowed && asked.code, 'not-found', action);
      assert.doesNotMatch(JSON.stringify(asked), /Alice|Refund/, action);
    }
    // Someone who manages the whole workspace sees it, and is told what actually stands in the way.
    const asked = can(state, 'dave', 'takeover', 'v');
    assert.equal(!asked.allowed && asked.code, 'missing-permission');
    assert.deepEqual(can(state, 'dave', 'view', 'v'), { allowed: true });
  });
});

test('every refusal code of SPEC §3 is produced by a test above', () => {
  const missing = REFUSAL_CODES.filter((code) => !produced.has(code));
  assert.deepEqual(missing, []);
});
