import type {
  AssignmentEntry,
  Conversation,
  Message,
  Permissions,
  User,
  WorkspaceSnapshot,
} from './domain/types.js';

const both = (receive: boolean, transferTakeover: Permissions['livechats']['transferTakeover']): Permissions => ({
  livechats: { receive, transferTakeover },
  tickets: { receive, transferTakeover },
});

/** 24 Nov 2025, 09:00 UTC: the default "now" of the demo workspace, so tests see fixed times. */
export const DEMO_EPOCH = Date.UTC(2025, 10, 24, 9, 0, 0);

/**
 * A ready workspace for the demo and tests (Total plan): Support (balanced) and Billing
 * (voluntary: chats wait to be claimed) teamspaces, three teams,
 * agents at every permission level (and one deactivated), two AI agents, and
 * conversations in every state. Every agent's bearer token is `token-<id>`.
 */
export function createDemoSnapshot(now: number = DEMO_EPOCH): WorkspaceSnapshot {
  const minutesAgo = (m: number) => now - m * 60_000;
  const user = (
    id: string,
    name: string,
    permissions: Permissions,
    extra: Partial<User> = {},
  ): User => ({
    id,
    name,
    email: `${id}@acme.example`,
    availability: 'online',
    active: true,
    role: 'agent',
    permissions,
    token: `token-${id}`,
    ...extra,
  });

  const users: User[] = [
    user('alice', 'Alice Martin', both(true, 'individual')),
    user('bob', 'Bob Chen', both(true, 'team')),
    user('carol', 'Carol Diaz', both(true, 'team')),
    user('dave', 'Dave Okafor', both(true, 'team')),
    user('erin', 'Erin Walsh', both(true, 'individual'), { availability: 'away' }),
    user('frank', 'Frank Moreau', both(true, 'workspace'), { role: 'admin' }),
    user('grace', 'Grace Kim', both(true, null)),
    user('henry', 'Henry Ford', both(true, 'individual'), { active: false, availability: 'away' }),
  ];

  const conversation = (
    id: string,
    subject: string,
    customer: string,
    fields: Partial<Conversation> & Pick<Conversation, 'status' | 'assignee' | 'teamspace'>,
  ): Conversation => ({
    id,
    kind: 'livechat',
    team: null,
    origin: fields.teamspace === 'ts-billing' ? 'ai-penny' : 'ai-ava',
    subject,
    customer,
    version: 1,
    createdAt: minutesAgo(60),
    pendingSince: null,
    lastMessageAt: null,
    ...fields,
  });

  const conversations: Conversation[] = [
    conversation('c-refund', 'Refund for a double charge', 'Maya Lopez', {
      status: 'open', assignee: { type: 'user', id: 'alice' }, team: 'team-support', teamspace: 'ts-support', createdAt: minutesAgo(42), autoAssigned: true,
    }),
    conversation('c-login', "Can't log in after password reset", 'Tom Becker', {
      status: 'open', assignee: { type: 'user', id: 'bob' }, team: 'team-support', teamspace: 'ts-support', createdAt: minutesAgo(35), autoAssigned: true,
    }),
    conversation('c-shipping', 'Where is my parcel?', 'Ines Duarte', {
      status: 'open', assignee: { type: 'ai', id: 'ai-ava' }, teamspace: 'ts-support', createdAt: minutesAgo(12),
    }),
    conversation('c-upgrade', 'Upgrade to the annual plan', 'Sam Patel', {
      status: 'pending', assignee: null, team: 'team-billing', teamspace: 'ts-billing', createdAt: minutesAgo(9), pendingSince: minutesAgo(8),
    }),
    conversation('c-invoice', 'Invoice address is wrong', 'Lena Novak', {
      status: 'pending', assignee: null, team: 'team-billing', teamspace: 'ts-billing', createdAt: minutesAgo(20), pendingSince: minutesAgo(18),
    }),
    conversation('c-vat', 'VAT number on receipts', 'Omar Haddad', {
      kind: 'ticket', origin: null, status: 'open', assignee: { type: 'user', id: 'dave' }, team: 'team-billing', teamspace: 'ts-billing', createdAt: minutesAgo(300),
    }),
    conversation('c-thanks', 'Thanks, all sorted!', 'Julia Rossi', {
      status: 'closed', assignee: { type: 'ai', id: 'ai-ava' }, team: 'team-support', teamspace: 'ts-support', createdAt: minutesAgo(240),
    }),
    conversation('c-export', 'CSV export is empty', 'Kenji Sato', {
      kind: 'ticket', origin: null, status: 'closed', assignee: { type: 'user', id: 'carol' }, team: 'team-support', teamspace: 'ts-support', createdAt: minutesAgo(600),
    }),
  ];

  const messages: Message[] = [];
  const say = (conversationId: string, id: string, author: Message['author'], body: string, ago: number) =>
    messages.push({ id, conversationId, author, body, at: minutesAgo(ago) });
  const customer = (name: string): Message['author'] => ({ type: 'customer', name });
  const ava: Message['author'] = { type: 'ai', id: 'ai-ava' };

  say('c-refund', 'm-refund-1', customer('Maya Lopez'), 'Hi, I was charged twice for order #4821.', 42);
  say('c-refund', 'm-refund-2', ava, 'Sorry about that! Let me bring in a colleague who can issue refunds.', 41);
  say('c-refund', 'm-refund-3', { type: 'user', id: 'alice' }, "Hi Maya, I'm Alice. I can see both charges — checking now.", 38);
  say('c-login', 'm-login-1', customer('Tom Becker'), 'The reset link worked but the new password is rejected.', 35);
  say('c-login', 'm-login-2', { type: 'user', id: 'bob' }, 'Thanks Tom. Which browser are you using?', 30);
  say('c-shipping', 'm-shipping-1', customer('Ines Duarte'), 'My parcel was due yesterday.', 12);
  say('c-shipping', 'm-shipping-2', ava, 'Let me look up the tracking number for you.', 11);
  say('c-upgrade', 'm-upgrade-1', customer('Sam Patel'), 'Can I switch to annual billing mid-month?', 9);
  say('c-invoice', 'm-invoice-1', customer('Lena Novak'), 'The invoice shows my old address.', 20);
  say('c-vat', 'm-vat-1', customer('Omar Haddad'), 'Please add our VAT number to all receipts.', 300);
  say('c-thanks', 'm-thanks-1', customer('Julia Rossi'), 'Thanks, all sorted!', 240);
  say('c-export', 'm-export-1', customer('Kenji Sato'), 'The CSV export downloads an empty file.', 600);

  for (const c of conversations) {
    const last = messages.filter((m) => m.conversationId === c.id).at(-1);
    c.lastMessageAt = last ? last.at : null;
  }

  const entry = (e: Omit<AssignmentEntry, 'auto' | 'note' | 'version'> & Partial<AssignmentEntry>): AssignmentEntry => ({
    note: null,
    auto: false,
    version: 1,
    ...e,
  });

  const log: AssignmentEntry[] = [
    entry({ conversationId: 'c-refund', action: 'handoff', actor: { type: 'ai', id: 'ai-ava' }, from: { type: 'ai', id: 'ai-ava' }, to: { type: 'user', id: 'alice' }, team: 'team-support', status: 'open', auto: true, at: minutesAgo(40) }),
    entry({ conversationId: 'c-login', action: 'handoff', actor: { type: 'ai', id: 'ai-ava' }, from: { type: 'ai', id: 'ai-ava' }, to: { type: 'user', id: 'bob' }, team: 'team-support', status: 'open', auto: true, at: minutesAgo(34) }),
    entry({ conversationId: 'c-upgrade', action: 'handoff', actor: { type: 'ai', id: 'ai-penny' }, from: { type: 'ai', id: 'ai-penny' }, to: null, team: 'team-billing', status: 'pending', at: minutesAgo(8) }),
    entry({ conversationId: 'c-invoice', action: 'handoff', actor: { type: 'ai', id: 'ai-penny' }, from: { type: 'ai', id: 'ai-penny' }, to: null, team: 'team-billing', status: 'pending', at: minutesAgo(18) }),
    entry({ conversationId: 'c-thanks', action: 'chat-closed', actor: { type: 'user', id: 'carol' }, from: { type: 'user', id: 'carol' }, to: { type: 'ai', id: 'ai-ava' }, team: 'team-support', status: 'closed', at: minutesAgo(230) }),
    entry({ conversationId: 'c-export', action: 'closed', actor: { type: 'user', id: 'carol' }, from: { type: 'user', id: 'carol' }, to: { type: 'user', id: 'carol' }, team: 'team-support', status: 'closed', at: minutesAgo(500) }),
  ];

  return {
    workspace: { id: 'acme', name: 'Acme Helpdesk', plan: 'total' },
    teamspaces: [
      { id: 'ts-support', name: 'Support', settings: { method: 'balanced', availabilityCheck: true, autoAssignLimit: 3 } },
      { id: 'ts-billing', name: 'Billing', settings: { method: 'voluntary', availabilityCheck: false, autoAssignLimit: 2 } },
    ],
    teams: [
      { id: 'team-support', name: 'Support', teamspaces: ['ts-support'], members: ['alice', 'bob', 'carol', 'grace', 'henry'] },
      { id: 'team-billing', name: 'Billing', teamspaces: ['ts-billing', 'ts-support'], members: ['dave', 'erin'] },
      { id: 'team-escalations', name: 'Escalations', teamspaces: ['ts-support'], members: ['carol', 'frank'] },
    ],
    users,
    aiAgents: [
      { id: 'ai-ava', name: 'Ava (AI)', teamspace: 'ts-support' },
      { id: 'ai-penny', name: 'Penny (AI)', teamspace: 'ts-billing' },
    ],
    conversations,
    messages,
    log,
    onlineOrder: ['alice', 'bob', 'carol', 'dave', 'frank', 'grace'],
    clock: now,
    seed: 7,
  };
}

/** The demo workspace at `DEMO_EPOCH`. */
export const demoSnapshot: WorkspaceSnapshot = createDemoSnapshot();
