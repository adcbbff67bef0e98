import type {
  AssignmentSettings,
  Conversation,
  PermissionLevel,
  Plan,
  User,
  WorkspaceSnapshot,
} from '../src/index.js';

export const T0 = 1_000_000;

interface UserSpec {
  level?: PermissionLevel | null;
  receive?: boolean;
  availability?: User['availability'];
  role?: User['role'];
  active?: boolean;
}

export function user(id: string, spec: UserSpec = {}): User {
  const kind = { receive: spec.receive ?? true, transferTakeover: spec.level === undefined ? 'individual' : spec.level };
  return {
    id,
    name: id[0].toUpperCase() + id.slice(1),
    availability: spec.availability ?? 'online',
    active: spec.active ?? true,
    role: spec.role ?? 'agent',
    permissions: { livechats: { ...kind }, tickets: { ...kind } },
    token: `token-${id}`,
  };
}

export function conversation(id: string, fields: Partial<Conversation> = {}): Conversation {
  return {
    id,
    kind: 'livechat',
    status: 'open',
    assignee: null,
    team: null,
    teamspace: 'ts',
    origin: 'ai',
    subject: id,
    customer: 'Customer',
    version: 1,
    createdAt: T0 - 1000,
    pendingSince: null,
    lastMessageAt: null,
    ...fields,
  };
}

export const mine = (userId: string, fields: Partial<Conversation> = {}) =>
  ({ assignee: { type: 'user', id: userId }, status: 'open', ...fields }) as Partial<Conversation>;

export interface WorkspaceSpec {
  plan?: Plan;
  settings?: Partial<AssignmentSettings>;
  users?: User[];
  /** team id → member ids; every team is linked to teamspace `ts` unless `links` says otherwise. */
  teams?: Record<string, string[]>;
  links?: Record<string, string[]>;
  conversations?: Conversation[];
  onlineOrder?: string[];
}

/**
 * A small workspace: teamspace `ts` (and `other`), AI agents `ai` (in ts) and `ai2` (in other),
 * users alice (individual), bob (team), carol (team), wanda (workspace), and the teams given.
 */
export function workspace(spec: WorkspaceSpec = {}): WorkspaceSnapshot {
  const users = spec.users ?? [
    user('alice'),
    user('bob', { level: 'team' }),
    user('carol', { level: 'team' }),
    user('wanda', { level: 'workspace' }),
  ];
  const teams = spec.teams ?? { support: ['alice', 'bob'], billing: ['carol'] };
  return {
    workspace: { id: 'w', name: 'W', plan: spec.plan ?? 'enterprise' },
    teamspaces: [
      {
        id: 'ts',
        name: 'Main',
        settings: { method: 'balanced', availabilityCheck: false, autoAssignLimit: null, ...spec.settings },
      },
      { id: 'other', name: 'Other', settings: { method: 'balanced', availabilityCheck: false, autoAssignLimit: null } },
    ],
    teams: Object.entries(teams).map(([id, members]) => ({
      id,
      name: id[0].toUpperCase() + id.slice(1),
      teamspaces: spec.links?.[id] ?? ['ts'],
      members,
    })),
    users,
    aiAgents: [
      { id: 'ai', name: 'Ava', teamspace: 'ts' },
      { id: 'ai2', name: 'Otto', teamspace: 'other' },
    ],
    conversations: spec.conversations ?? [],
    onlineOrder: spec.onlineOrder,
    clock: T0,
  };
}

export const as = (id: string) => ({ type: 'user', id }) as const;
export const system = { type: 'system' } as const;
