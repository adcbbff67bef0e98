import type { Decision } from '../domain/commands.js';
import type {
  AssignmentMethod,
  Availability,
  Conversation,
  ConversationStatus,
  Directory,
  WorkspaceSnapshot,
} from '../domain/types.js';
import { PLANS } from '../domain/types.js';
import { can } from '../rules/decide.js';
import { View } from '../rules/draft.js';
import { effectiveMethod, mayView } from '../rules/permissions.js';
import { queuesOfTeamspace } from '../rules/routing.js';
import { teamQueueKey, type WorkspaceState } from '../state/state.js';

/** The conversation lists of SPEC §5. Fields combine (all must hold). */
export interface ConversationFilter {
  /** Open conversations assigned to the viewer. */
  mine?: boolean;
  /** Pending conversations the viewer may claim (shown even when the plan blocks claiming). */
  pending?: boolean;
  team?: string;
  /** A user or AI agent id. */
  assignee?: string;
  status?: ConversationStatus;
  /** At most this many, most recent activity first (default 200). */
  limit?: number;
}

export interface CandidateUser {
  id: string;
  name: string;
  availability: Availability;
  active: boolean;
  /** Open conversations assigned now. */
  load: number;
  /** The conversation's teamspace auto-assign limit, or null. */
  limit: number | null;
  teams: string[];
  /** Whether this conversation may be transferred to them, and if not why. */
  decision: Decision;
}

export interface CandidateTeam {
  id: string;
  name: string;
  members: number;
  onlineMembers: number;
  queueLength: number;
  method: AssignmentMethod;
  decision: Decision;
}

export interface CandidateAi {
  id: string;
  name: string;
  origin: boolean;
  decision: Decision;
}

export interface Candidates {
  conversationId: string;
  version: number;
  users: CandidateUser[];
  teams: CandidateTeam[];
  aiAgents: CandidateAi[];
}

const activity = (c: Conversation) => c.lastMessageAt ?? c.createdAt;

/** Whether a conversation belongs in a list; also used by clients to keep lists current from events. */
export function matchesFilter(
  state: WorkspaceState,
  viewerId: string,
  filter: ConversationFilter,
  conversation: Conversation,
): boolean {
  const { assignee } = conversation;
  if (filter.mine && !(assignee?.type === 'user' && assignee.id === viewerId && conversation.status === 'open'))
    return false;
  if (filter.pending) {
    if (conversation.status !== 'pending') return false;
    let decision = can(state, viewerId, 'claim', conversation.id);
    // Refused for the plan: listed when the plan is all that stands in the way (asked on the top plan).
    if (!decision.allowed && decision.code === 'plan-required')
      decision = can({ ...state, workspace: { ...state.workspace, plan: PLANS.at(-1)! } }, viewerId, 'claim', conversation.id);
    if (!decision.allowed) return false;
  }
  if (filter.team !== undefined && conversation.team !== filter.team) return false;
  if (filter.assignee !== undefined && assignee?.id !== filter.assignee) return false;
  if (filter.status !== undefined && conversation.status !== filter.status) return false;
  const user = state.users.get(viewerId);
  return !!user && mayView(new View(state), user, conversation);
}

/** Lists conversations through the narrowest index the filter allows. */
export function listConversations(state: WorkspaceState, viewerId: string, filter: ConversationFilter = {}): Conversation[] {
  const { index } = state;
  let ids: Iterable<string>;
  if (filter.mine) ids = index.byAssignee.get(`user:${viewerId}`) ?? [];
  else if (filter.assignee !== undefined)
    ids = [...(index.byAssignee.get(`user:${filter.assignee}`) ?? []), ...(index.byAssignee.get(`ai:${filter.assignee}`) ?? [])];
  else if (filter.team !== undefined) ids = index.byTeam.get(filter.team) ?? [];
  else if (filter.pending) ids = claimable(state, viewerId);
  else if (filter.status !== undefined) ids = index.byStatus.get(filter.status) ?? [];
  else ids = state.conversations.keys();
  const out: Conversation[] = [];
  for (const id of new Set(ids)) {
    const conversation = state.conversations.get(id);
    if (conversation && matchesFilter(state, viewerId, filter, conversation)) out.push(conversation);
  }
  out.sort((a, b) => activity(b) - activity(a) || (a.id < b.id ? -1 : 1));
  return out.slice(0, filter.limit ?? 200);
}

/**
 * The pending conversations a viewer might claim: at workspace level every queue; below it,
 * every queue of the teamspaces their teams work in (a team-level agent may claim from
 * another team's queue there). `matchesFilter` then asks `can` of each.
 */
function claimable(state: WorkspaceState, viewerId: string): Iterable<string> {
  const { index } = state;
  if (index.managers.has(viewerId)) return index.byStatus.get('pending') ?? [];
  const view = new View(state);
  const teamspaces = new Set(view.userTeams(viewerId).flatMap((team) => view.team(team)?.teamspaces ?? []));
  return [...teamspaces].flatMap((teamspace) => queuesOfTeamspace(view, teamspace).flatMap((key) => [...(index.queues.get(key) ?? [])]));
}

/** Who and where a conversation can go, with each target's state and why it may not. */
export function transferCandidates(state: WorkspaceState, viewerId: string, conversationId: string): Candidates {
  const conversation = state.conversations.get(conversationId);
  if (!conversation) return { conversationId, version: -1, users: [], teams: [], aiAgents: [] };
  const teamspace = state.teamspaces.get(conversation.teamspace);
  const limit = teamspace?.settings.autoAssignLimit ?? null;
  const users: CandidateUser[] = [];
  for (const user of state.users.values()) {
    if (user.id === viewerId) continue;
    users.push({
      id: user.id,
      name: user.name,
      availability: user.availability,
      active: user.active,
      load: state.index.load.get(user.id) ?? 0,
      limit,
      teams: state.index.userTeams.get(user.id) ?? [],
      decision: can(state, viewerId, 'transfer', conversationId, user.id),
    });
  }
  const method = effectiveMethod(teamspace?.settings.method ?? 'balanced', state.workspace.plan);
  const teams: CandidateTeam[] = [...state.teams.values()].map((team) => ({
    id: team.id,
    name: team.name,
    members: team.members.length,
    onlineMembers: team.members.filter((id) => {
      const user = state.users.get(id);
      return user?.active && user.availability === 'online';
    }).length,
    queueLength: team.teamspaces.reduce(
      (sum, ts) =>
        sum +
        (state.index.queues.get(teamQueueKey(team.id, ts, 'livechat'))?.size ?? 0) +
        (state.index.queues.get(teamQueueKey(team.id, ts, 'ticket'))?.size ?? 0),
      0,
    ),
    method,
    decision: can(state, viewerId, 'transfer-to-team', conversationId, team.id),
  }));
  const aiAgents: CandidateAi[] = [...state.aiAgents.values()]
    .filter((ai) => ai.teamspace === conversation.teamspace)
    .map((ai) => ({
      id: ai.id,
      name: ai.name,
      origin: ai.id === conversation.origin,
      decision: can(state, viewerId, 'transfer-to-ai', conversationId, ai.id),
    }));
  return { conversationId, version: conversation.version, users, teams, aiAgents };
}

/** The directory every agent reads (no tokens). */
export function directoryOf(state: WorkspaceState | WorkspaceSnapshot): Directory {
  const values = <T>(items: Map<string, T> | T[]) => (Array.isArray(items) ? items : [...items.values()]);
  return {
    workspace: state.workspace,
    teamspaces: values(state.teamspaces),
    teams: values(state.teams),
    users: values(state.users).map(({ token: _token, ...user }) => user),
    aiAgents: values(state.aiAgents),
  };
}
