/**
 * The benchmark workspace: `agents` live agents with realistic names (so a search narrows the
 * list as it would in a helpdesk), teams of 20, and `conversations` livechats held round-robin
 * by the agents. Everyone may transfer and take over anything (workspace level), so what is
 * measured is the machinery, not a refusal. Deterministic: the same arguments give the same
 * workspace.
 */
import type { Conversation, Team, User, WorkspaceSnapshot } from '@baton/sdk';

const FIRST = [
  'Ada', 'Bilal', 'Carmen', 'Dmitri', 'Elena', 'Farah', 'Gustavo', 'Hana', 'Ivan', 'Jamal', 'Keiko', 'Lars', 'Maya', 'Nikhil',
  'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Ursula', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Martin', 'Marta',
  'Joana', 'John', 'Amara', 'Amir', 'Sofia', 'Samuel', 'Lena', 'Leon', 'Nora', 'Noah', 'Ines', 'Isaac',
];
const LAST = [
  'Andersen', 'Baptiste', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski',
  'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rossi', 'Schmidt', 'Tanaka', 'Umarov', 'Vargas',
  'Wagner', 'Xu', 'Yilmaz', 'Zhang', 'Martins', 'Marino', 'Johansson', 'Jones', 'Silva', 'Santos', 'Lindqvist', 'Novak',
  'Müller', 'Kim', 'Park', 'Costa', 'Ortiz', 'Weber', 'Bauer', 'Horvat', 'Popescu', 'Nielsen', 'Hansen', 'Brown', 'Smith',
];

export const TEAM_SIZE = 20;

/** A name per agent index, unique across 10,000 agents (first × last × a number past the grid). */
export function agentName(i: number): string {
  const first = FIRST[i % FIRST.length];
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
  const round = Math.floor(i / (FIRST.length * LAST.length));
  return round ? `${first} ${last} ${round + 1}` : `${first} ${last}`;
}

export const tokenOf = (userId: string) => `token-${userId}`;

export interface BenchWorkspaceOptions {
  agents: number;
  conversations: number;
  /** Agents `away` every n-th (0: none), so the picker shows both states. */
  awayEvery?: number;
}

export function benchWorkspace({ agents, conversations, awayEvery = 0 }: BenchWorkspaceOptions): WorkspaceSnapshot {
  const level = { receive: true, transferTakeover: 'workspace' as const };
  const users: User[] = Array.from({ length: agents }, (_, i) => ({
    id: `u${i}`,
    name: agentName(i),
    availability: awayEvery && i % awayEvery === awayEvery - 1 ? 'away' : 'online',
    active: true,
    role: 'agent',
    permissions: { livechats: level, tickets: level },
    token: tokenOf(`u${i}`),
  }));
  const teams: Team[] = Array.from({ length: Math.ceil(agents / TEAM_SIZE) }, (_, t) => ({
    id: `t${t}`,
    name: `Team ${t + 1}`,
    teamspaces: ['ts'],
    members: users.slice(t * TEAM_SIZE, (t + 1) * TEAM_SIZE).map((u) => u.id),
  }));
  const list: Conversation[] = Array.from({ length: conversations }, (_, i) => ({
    id: `c${i}`,
    kind: 'livechat',
    status: 'open',
    assignee: { type: 'user', id: `u${i % agents}` },
    team: `t${Math.floor((i % agents) / TEAM_SIZE)}`,
    teamspace: 'ts',
    origin: 'ai',
    subject: `Conversation ${i}`,
    customer: `Customer ${i}`,
    version: 1,
    createdAt: i,
    pendingSince: null,
    lastMessageAt: null,
  }));
  return {
    workspace: { id: 'w', name: 'Bench', plan: 'enterprise' },
    teamspaces: [{ id: 'ts', name: 'Main', settings: { method: 'balanced', availabilityCheck: true, autoAssignLimit: null } }],
    teams,
    users,
    aiAgents: [{ id: 'ai', name: 'Aria', teamspace: 'ts' }],
    conversations: list,
    clock: conversations,
  };
}
