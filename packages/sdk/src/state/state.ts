import type { BatonEvent } from '../domain/commands.js';
import type {
  AiAgent,
  Assignee,
  AssignmentEntry,
  Conversation,
  ConversationKind,
  Message,
  Team,
  Teamspace,
  User,
  Workspace,
  WorkspaceSnapshot,
} from '../domain/types.js';
import { permissionsFor } from '../rules/permissions.js';

/**
 * The whole workspace, with the indexes the rules read per command. Built once from a
 * snapshot in O(n); afterwards every event updates it in O(1) per changed conversation.
 * Treat it as read-only outside `applyEvent`.
 */
export interface WorkspaceState {
  workspace: Workspace;
  users: Map<string, User>;
  teams: Map<string, Team>;
  teamspaces: Map<string, Teamspace>;
  aiAgents: Map<string, AiAgent>;
  conversations: Map<string, Conversation>;
  messages: Map<string, Message[]>;
  log: Map<string, AssignmentEntry[]>;
  index: Indexes;
  clock: number;
  seed: number;
}

export interface Indexes {
  /** Team ids per user. */
  userTeams: Map<string, string[]>;
  /** Team ids linked to each teamspace. */
  teamspaceTeams: Map<string, string[]>;
  /** Users of any team linked to each teamspace. */
  teamspaceMembers: Map<string, string[]>;
  /** Users who manage every conversation of a kind (admins, workspace level): they may claim from any queue. */
  managers: Set<string>;
  /** Open conversations assigned to each user. */
  load: Map<string, number>;
  /** Of those, the ones routing assigned (`autoAssigned`): what `autoAssignLimit` counts. */
  autoLoad: Map<string, number>;
  lastAssignedAt: Map<string, number>;
  /** Round-robin order: lower goes first; set on coming online and on being auto-assigned. */
  onlineSeq: Map<string, number>;
  seqCounter: number;
  /** Pending conversations per queue, oldest first. */
  queues: Map<string, Set<string>>;
  byAssignee: Map<string, Set<string>>;
  byTeam: Map<string, Set<string>>;
  byStatus: Map<string, Set<string>>;
  /** Who wrote each accepted message id (`user:<id>`, `ai:<id>`, `customer`): a retry is theirs alone. */
  messageIds: Map<string, string>;
}

export const assigneeKey = (assignee: Assignee): string => `${assignee.type}:${assignee.id}`;
export const authorKey = (author: Message['author']): string =>
  author.type === 'customer' ? 'customer' : `${author.type}:${author.id}`;

/**
 * A queue is a team's or, for conversations without a team, the teamspace's; one per kind,
 * and a team's queue is per teamspace, since each teamspace routes by its own method.
 */
export const queueKey = (conversation: Pick<Conversation, 'team' | 'teamspace' | 'kind'>): string =>
  conversation.team
    ? teamQueueKey(conversation.team, conversation.teamspace, conversation.kind)
    : teamspaceQueueKey(conversation.teamspace, conversation.kind);

export const teamQueueKey = (teamId: string, teamspaceId: string, kind: ConversationKind) =>
  `team:${teamId}:${teamspaceId}:${kind}`;
export const teamspaceQueueKey = (teamspaceId: string, kind: ConversationKind) => `teamspace:${teamspaceId}:${kind}`;

/** Index operations a conversation change implies; shared by the state and decide's draft. */
export interface IndexTarget {
  addLoad(userId: string, delta: number): void;
  addAutoLoad(userId: string, delta: number): void;
  markAssigned(userId: string, at: number, auto: boolean): void;
  enqueue(key: string, conversationId: string): void;
  dequeue(key: string, conversationId: string): void;
}

const openUser = (c: Conversation | undefined): string | null =>
  c && c.status === 'open' && c.assignee?.type === 'user' ? c.assignee.id : null;

export function indexConversationChange(
  target: IndexTarget,
  prev: Conversation | undefined,
  next: Conversation,
  entry: AssignmentEntry | undefined,
): void {
  const before = openUser(prev);
  const after = openUser(next);
  if (before !== after) {
    if (before) target.addLoad(before, -1);
    if (after) target.addLoad(after, 1);
  }
  const autoBefore = prev?.autoAssigned ? before : null;
  const autoAfter = next.autoAssigned ? after : null;
  if (autoBefore !== autoAfter) {
    if (autoBefore) target.addAutoLoad(autoBefore, -1);
    if (autoAfter) target.addAutoLoad(autoAfter, 1);
  }
  if (entry && next.assignee?.type === 'user' && (prev?.assignee?.type !== 'user' || prev.assignee.id !== next.assignee.id)) {
    target.markAssigned(next.assignee.id, entry.at, entry.auto === true);
  }
  const wasPending = prev?.status === 'pending';
  const isPending = next.status === 'pending';
  if (wasPending && (!isPending || queueKey(prev!) !== queueKey(next))) target.dequeue(queueKey(prev!), prev!.id);
  if (isPending && (!wasPending || queueKey(prev!) !== queueKey(next))) target.enqueue(queueKey(next), next.id);
}

function addTo<K>(map: Map<K, Set<string>>, key: K, id: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}
function removeFrom<K>(map: Map<K, Set<string>>, key: K, id: string) {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

function stateTarget(state: WorkspaceState): IndexTarget {
  const { index } = state;
  return {
    addLoad(userId, delta) {
      index.load.set(userId, (index.load.get(userId) ?? 0) + delta);
    },
    addAutoLoad(userId, delta) {
      index.autoLoad.set(userId, (index.autoLoad.get(userId) ?? 0) + delta);
    },
    markAssigned(userId, at, auto) {
      index.lastAssignedAt.set(userId, at);
      if (auto) index.onlineSeq.set(userId, ++index.seqCounter);
    },
    enqueue: (key, id) => addTo(index.queues, key, id),
    dequeue: (key, id) => removeFrom(index.queues, key, id),
  };
}

function indexLookups(state: WorkspaceState, prev: Conversation | undefined, next: Conversation) {
  const { index } = state;
  if (prev?.assignee && (!next.assignee || assigneeKey(prev.assignee) !== assigneeKey(next.assignee)))
    removeFrom(index.byAssignee, assigneeKey(prev.assignee), prev.id);
  if (next.assignee) addTo(index.byAssignee, assigneeKey(next.assignee), next.id);
  if (prev?.team && prev.team !== next.team) removeFrom(index.byTeam, prev.team, prev.id);
  if (next.team) addTo(index.byTeam, next.team, next.id);
  if (prev && prev.status !== next.status) removeFrom(index.byStatus, prev.status, prev.id);
  addTo(index.byStatus, next.status, next.id);
}

/** Applies one accepted event to the state in place, keeping every index current. */
export function applyEvent(state: WorkspaceState, event: BatonEvent): void {
  switch (event.type) {
    case 'conversation': {
      const { conversation: next, entry, message } = event;
      const prev = state.conversations.get(next.id);
      state.conversations.set(next.id, next);
      indexConversationChange(stateTarget(state), prev, next, entry);
      indexLookups(state, prev, next);
      if (entry) push(state.log, next.id, entry);
      if (message) {
        push(state.messages, next.id, message);
        state.index.messageIds.set(message.id, authorKey(message.author));
      }
      const at = entry?.at ?? message?.at;
      if (at !== undefined && at > state.clock) state.clock = at;
      break;
    }
    case 'user': {
      const prev = state.users.get(event.user.id);
      state.users.set(event.user.id, { ...event.user, token: prev?.token } as User);
      if (isManager(event.user as User)) state.index.managers.add(event.user.id);
      else state.index.managers.delete(event.user.id);
      if (event.onlineSeq !== undefined) {
        state.index.onlineSeq.set(event.user.id, event.onlineSeq);
        state.index.seqCounter = Math.max(state.index.seqCounter, event.onlineSeq);
      }
      break;
    }
    case 'teamspace':
      state.teamspaces.set(event.teamspace.id, event.teamspace);
      break;
    case 'workspace':
      state.workspace = event.workspace;
      break;
    case 'notification':
      if (event.notification.at > state.clock) state.clock = event.notification.at;
      break;
  }
}

const isManager = (user: User) =>
  permissionsFor(user, 'livechat').transferTakeover === 'workspace' || permissionsFor(user, 'ticket').transferTakeover === 'workspace';

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function applyEvents(state: WorkspaceState, events: readonly BatonEvent[]): WorkspaceState {
  for (const event of events) applyEvent(state, event);
  return state;
}

const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

/** Builds the state and its indexes from a snapshot (O(n), once). */
export function createState(snapshot: WorkspaceSnapshot): WorkspaceState {
  const teams = byId(snapshot.teams);
  const userTeams = new Map<string, string[]>();
  const teamspaceTeams = new Map<string, string[]>();
  const teamspaceMemberSets = new Map<string, Set<string>>();
  for (const team of snapshot.teams) {
    for (const member of team.members) {
      const list = userTeams.get(member) ?? [];
      list.push(team.id);
      userTeams.set(member, list);
    }
    for (const teamspace of team.teamspaces) {
      const list = teamspaceTeams.get(teamspace) ?? [];
      list.push(team.id);
      teamspaceTeams.set(teamspace, list);
      const members = teamspaceMemberSets.get(teamspace) ?? new Set<string>();
      for (const member of team.members) members.add(member);
      teamspaceMemberSets.set(teamspace, members);
    }
  }
  const teamspaceMembers = new Map([...teamspaceMemberSets].map(([id, set]) => [id, [...set]]));

  const onlineSeq = new Map<string, number>();
  let seqCounter = 0;
  for (const id of snapshot.onlineOrder ?? []) if (!onlineSeq.has(id)) onlineSeq.set(id, ++seqCounter);
  for (const user of snapshot.users)
    if (user.availability === 'online' && !onlineSeq.has(user.id)) onlineSeq.set(user.id, ++seqCounter);

  const state: WorkspaceState = {
    workspace: snapshot.workspace,
    users: byId(snapshot.users),
    teams,
    teamspaces: byId(snapshot.teamspaces),
    aiAgents: byId(snapshot.aiAgents),
    conversations: new Map(),
    messages: new Map(),
    log: new Map(),
    index: {
      userTeams,
      teamspaceTeams,
      teamspaceMembers,
      managers: new Set(snapshot.users.filter(isManager).map((user) => user.id)),
      load: new Map(),
      autoLoad: new Map(),
      lastAssignedAt: new Map(Object.entries(snapshot.lastAssignedAt ?? {})),
      onlineSeq,
      seqCounter,
      queues: new Map(),
      byAssignee: new Map(),
      byTeam: new Map(),
      byStatus: new Map(),
      messageIds: new Map(),
    },
    clock: snapshot.clock ?? 0,
    seed: snapshot.seed ?? 1,
  };
  // Queues are oldest first: insert pending conversations by the time they started waiting.
  const ordered = [...snapshot.conversations].sort(
    (a, b) => (a.pendingSince ?? a.createdAt) - (b.pendingSince ?? b.createdAt),
  );
  const target = stateTarget(state);
  // Snapshots from before `autoAssigned` existed: their logs say which assignee routing chose
  // (the last entry that changed the assignee: closing or reopening a ticket keeps it).
  const lastEntry = new Map<string, AssignmentEntry>();
  for (const entry of snapshot.log ?? [])
    if (entry.from?.type !== entry.to?.type || entry.from?.id !== entry.to?.id) lastEntry.set(entry.conversationId, entry);
  for (const record of ordered) {
    const entry = record.autoAssigned === undefined && record.assignee ? lastEntry.get(record.id) : undefined;
    const routed = entry?.auto === true && entry.to?.type === record.assignee!.type && entry.to.id === record.assignee!.id;
    const conversation = routed ? { ...record, autoAssigned: true } : record;
    state.conversations.set(conversation.id, conversation);
    indexConversationChange(target, undefined, conversation, undefined);
    indexLookups(state, undefined, conversation);
  }
  for (const message of snapshot.messages ?? []) {
    push(state.messages, message.conversationId, message);
    state.index.messageIds.set(message.id, authorKey(message.author));
  }
  for (const entry of snapshot.log ?? []) push(state.log, entry.conversationId, entry);
  return state;
}

/** The state as a JSON snapshot, to persist or to hand to another backend. */
export function toSnapshot(state: WorkspaceState): WorkspaceSnapshot {
  const onlineOrder = [...state.index.onlineSeq].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  // Pending conversations in queue order: several queued by one command share a pendingSince,
  // and createState keeps the snapshot's order among equals.
  const queued = [...state.index.queues.values()].flatMap((ids) => [...ids]);
  const inQueue = new Set(queued);
  return {
    workspace: state.workspace,
    teamspaces: [...state.teamspaces.values()],
    teams: [...state.teams.values()],
    users: [...state.users.values()],
    aiAgents: [...state.aiAgents.values()],
    conversations: [
      ...queued.map((id) => state.conversations.get(id)!),
      ...[...state.conversations.values()].filter((c) => !inQueue.has(c.id)),
    ],
    messages: [...state.messages.values()].flat(),
    log: [...state.log.values()].flat(),
    onlineOrder,
    lastAssignedAt: Object.fromEntries(state.index.lastAssignedAt),
    seed: state.seed,
    clock: state.clock,
  };
}

/**
 * A copy that `applyEvent` can change without touching the original (O(n)); `decide`
 * offers one lazily as the next state. Records are immutable, so they are shared.
 */
export function cloneState(state: WorkspaceState): WorkspaceState {
  const lists = <T>(map: Map<string, T[]>) => new Map([...map].map(([k, v]) => [k, [...v]]));
  const sets = (map: Map<string, Set<string>>) => new Map([...map].map(([k, v]) => [k, new Set(v)]));
  const { index } = state;
  return {
    ...state,
    users: new Map(state.users),
    teamspaces: new Map(state.teamspaces),
    conversations: new Map(state.conversations),
    messages: lists(state.messages),
    log: lists(state.log),
    index: {
      ...index,
      managers: new Set(index.managers),
      load: new Map(index.load),
      autoLoad: new Map(index.autoLoad),
      lastAssignedAt: new Map(index.lastAssignedAt),
      onlineSeq: new Map(index.onlineSeq),
      queues: sets(index.queues),
      byAssignee: sets(index.byAssignee),
      byTeam: sets(index.byTeam),
      byStatus: sets(index.byStatus),
      messageIds: new Map(index.messageIds),
    },
  };
}
