import type { Actor, AssignmentAction, Conversation, ConversationKind, User } from '../domain/types.js';
import { teamQueueKey, teamspaceQueueKey } from '../state/state.js';
import type { Draft, View } from './draft.js';
import { effectiveMethod, manages, permissionsFor } from './permissions.js';
import { notify } from './notify.js';

/** Where a conversation is routed: a team's members, or every member of the teamspace. */
export interface Pool {
  team: string | null;
  teamspace: string;
}

export function poolMembers(draft: Draft, pool: Pool): readonly string[] {
  return pool.team ? (draft.team(pool.team)?.members ?? []) : draft.teamspaceMembers(pool.teamspace);
}

/** Seeded, pure fallback when no random source is injected: a hash of the seed and the conversation. */
function hashRandom(seed: number, conversation: Conversation): number {
  let h = (seed ^ conversation.version) >>> 0;
  for (let i = 0; i < conversation.id.length; i++) h = Math.imul(h ^ conversation.id.charCodeAt(i), 2654435761);
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** Picks an agent for the conversation by its teamspace's method, or null (queue it). */
export function pickAgent(draft: Draft, conversation: Conversation, pool: Pool, exclude?: string): User | null {
  const teamspace = draft.teamspace(conversation.teamspace);
  if (!teamspace) return null;
  const method = effectiveMethod(teamspace.settings.method, draft.workspace.plan);
  if (method === 'voluntary') return null;
  const limit = teamspace.settings.autoAssignLimit;
  // One pass, keeping the best so far: a command allocates nothing per member it looks at.
  // Ordering keys: balanced [load, last assignment]; round-robin [position in the rotation].
  let best: User | null = null;
  let bestKey = 0;
  let bestTie = 0;
  let random: User[] | undefined;
  for (const id of poolMembers(draft, pool)) {
    if (id === exclude) continue;
    const user = draft.user(id);
    if (!user || !user.active || user.availability !== 'online' || !permissionsFor(user, conversation.kind).receive)
      continue;
    // The limit counts what routing gave them: a manual transfer may go past it (SPEC §3).
    if (limit !== null && draft.autoLoad(id) >= limit) continue;
    const load = draft.load(id);
    if (method === 'random') {
      (random ??= []).push(user);
      continue;
    }
    const key = method === 'round-robin' ? draft.onlineSeq(id) : load;
    const tie = method === 'round-robin' ? 0 : draft.lastAssignedAt(id);
    if (!best || key < bestKey || (key === bestKey && (tie < bestTie || (tie === bestTie && id < best.id)))) {
      best = user;
      bestKey = key;
      bestTie = tie;
    }
  }
  if (!random) return best;
  const r = draft.random ? draft.random() : hashRandom(draft.state.seed, conversation);
  return random[Math.min(random.length - 1, Math.floor(r * random.length))];
}

/**
 * Routes a conversation into a pool: assigns the picked agent, or leaves it pending in
 * the pool's queue. Returns the conversation as it ends.
 */
export function routeInto(
  draft: Draft,
  conversation: Conversation,
  pool: Pool,
  how: { action: AssignmentAction; actor: Actor; note: string | null; exclude?: string },
): Conversation {
  const agent = pickAgent(draft, conversation, pool, how.exclude);
  const { action, actor, note } = how;
  const next = draft.change(
    conversation,
    agent
      ? { assignee: { type: 'user', id: agent.id }, status: 'open', team: pool.team, pendingSince: null }
      : { assignee: null, status: 'pending', team: pool.team, pendingSince: draft.at },
    { action, actor, note, team: pool.team, auto: agent !== null },
  );
  if (agent) notify(draft, agent.id, 'assigned', next, actor, action);
  else notifyClaimers(draft, next, actor);
  return next;
}

/**
 * Tells the agents who may claim a pending conversation that it waits: they are among the
 * members of its teamspace's teams (a team-level agent may claim another team's queue there)
 * and the users who manage the whole workspace.
 */
export function notifyClaimers(draft: Draft, conversation: Conversation, actor: Actor, messageId?: string) {
  for (const id of new Set([...draft.teamspaceMembers(conversation.teamspace), ...draft.state.index.managers])) {
    const user = draft.user(id);
    if (!user || !user.active || !permissionsFor(user, conversation.kind).receive) continue;
    if (!manages(draft, user, conversation)) continue;
    if (actor.type === 'user' && actor.id === id) continue;
    notify(draft, id, messageId ? 'message' : 'pending', conversation, actor, null, messageId);
  }
}

/** The queues an agent could take work from: their teams' and those teams' teamspaces'. */
export function queuesOf(draft: View, userId: string): string[] {
  const keys = new Set<string>();
  for (const teamId of draft.userTeams(userId)) {
    for (const teamspace of draft.team(teamId)?.teamspaces ?? [])
      for (const kind of KINDS) {
        keys.add(teamQueueKey(teamId, teamspace, kind));
        keys.add(teamspaceQueueKey(teamspace, kind));
      }
  }
  return [...keys];
}

export function queuesOfTeamspace(draft: View, teamspaceId: string): string[] {
  const keys: string[] = KINDS.map((kind) => teamspaceQueueKey(teamspaceId, kind));
  for (const teamId of draft.teamspaceTeams(teamspaceId))
    for (const kind of KINDS) keys.push(teamQueueKey(teamId, teamspaceId, kind));
  return keys;
}

const KINDS: ConversationKind[] = ['livechat', 'ticket'];

/**
 * Drains queues oldest-first while an agent can be found: repeatedly routes the oldest
 * head among the given queues; a queue whose head finds nobody stops.
 */
export function drain(draft: Draft, keys: Iterable<string>): void {
  if (!draft.anyQueued) return;
  const open = new Set(keys);
  while (open.size > 0) {
    let oldest: Conversation | undefined;
    let oldestKey = '';
    for (const key of open) {
      const head = draft.queueHead(key);
      if (!head) {
        open.delete(key);
        continue;
      }
      if (!oldest || (head.pendingSince ?? 0) < (oldest.pendingSince ?? 0)) {
        oldest = head;
        oldestKey = key;
      }
    }
    if (!oldest) return;
    const routed = routeFromQueue(draft, oldest);
    if (!routed) open.delete(oldestKey);
  }
}

function routeFromQueue(draft: Draft, conversation: Conversation): boolean {
  const pool = { team: conversation.team, teamspace: conversation.teamspace };
  const agent = pickAgent(draft, conversation, pool, draft.excludedFrom(conversation.id));
  if (!agent) return false;
  const actor: Actor = { type: 'system' };
  const next = draft.change(
    conversation,
    { assignee: { type: 'user', id: agent.id }, status: 'open', pendingSince: null },
    { action: 'routed', actor, note: null, auto: true },
  );
  notify(draft, agent.id, 'assigned', next, actor, 'routed');
  return true;
}

/** After a command: queues near agents whose load went down drain into the free slots. */
export function drainFreed(draft: Draft): void {
  if (!draft.anyQueued) return;
  const keys = new Set<string>();
  for (const userId of draft.freed()) for (const key of queuesOf(draft, userId)) keys.add(key);
  drain(draft, keys);
}
