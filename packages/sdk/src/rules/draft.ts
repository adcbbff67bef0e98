import type { BatonEvent, Refusal, RefusalCode } from '../domain/commands.js';
import type {
  AiAgent,
  AssignmentEntry,
  Conversation,
  Message,
  Team,
  Teamspace,
  User,
  Workspace,
} from '../domain/types.js';
import { authorKey, indexConversationChange, queueKey, type IndexTarget, type WorkspaceState } from '../state/state.js';

/** Thrown inside the rules to stop with a refusal; never escapes `decide` or `can`. */
export class RefusalSignal {
  constructor(readonly refusal: Refusal) {}
}

export function refuse(
  code: RefusalCode,
  message: string,
  extra: Omit<Refusal, 'code' | 'message'> = {},
): never {
  throw new RefusalSignal({ code, message, ...extra });
}

/**
 * A command's working view of the state: reads fall through to the state, writes stay
 * here. Only what one command touches is copied, so a command's cost does not depend on
 * how many conversations the workspace holds, and the state itself is never mutated.
 */
export class Draft implements IndexTarget {
  readonly events: BatonEvent[] = [];
  // Created on first write: most commands touch one or two of these, and a command's
  // garbage is what it costs the collector in a large workspace.
  private conversations: Map<string, Conversation> | undefined;
  private users: Map<string, User> | undefined;
  private teamspaces: Map<string, Teamspace> | undefined;
  private workspaceOverride: Workspace | undefined;
  private loadDelta: Map<string, number> | undefined;
  private lastAssigned: Map<string, number> | undefined;
  private seq: Map<string, number> | undefined;
  private seqCounter: number;
  private dequeued: Set<string> | undefined;
  private enqueued: Map<string, string[]> | undefined;
  private messageIds: Map<string, string> | undefined;
  /** Users whose load went down in this command: their queues may drain. */
  freed: Set<string> | undefined;
  /** Conversation id → the user it must not be routed back to in this command. */
  excluded: Map<string, string> | undefined;

  constructor(
    readonly state: WorkspaceState,
    readonly at: number,
    readonly random: (() => number) | undefined,
  ) {
    this.seqCounter = state.index.seqCounter;
  }

  get workspace(): Workspace {
    return this.workspaceOverride ?? this.state.workspace;
  }
  conversation(id: string): Conversation | undefined {
    return this.conversations?.get(id) ?? this.state.conversations.get(id);
  }
  user(id: string): User | undefined {
    return this.users?.get(id) ?? this.state.users.get(id);
  }
  team(id: string): Team | undefined {
    return this.state.teams.get(id);
  }
  teamspace(id: string): Teamspace | undefined {
    return this.teamspaces?.get(id) ?? this.state.teamspaces.get(id);
  }
  aiAgent(id: string): AiAgent | undefined {
    return this.state.aiAgents.get(id);
  }
  userTeams(userId: string): readonly string[] {
    return this.state.index.userTeams.get(userId) ?? [];
  }
  teamspaceTeams(teamspaceId: string): readonly string[] {
    return this.state.index.teamspaceTeams.get(teamspaceId) ?? [];
  }
  teamspaceMembers(teamspaceId: string): readonly string[] {
    return this.state.index.teamspaceMembers.get(teamspaceId) ?? [];
  }
  load(userId: string): number {
    return (this.state.index.load.get(userId) ?? 0) + (this.loadDelta?.get(userId) ?? 0);
  }
  lastAssignedAt(userId: string): number {
    return this.lastAssigned?.get(userId) ?? this.state.index.lastAssignedAt.get(userId) ?? -Infinity;
  }
  onlineSeq(userId: string): number {
    return this.seq?.get(userId) ?? this.state.index.onlineSeq.get(userId) ?? Infinity;
  }
  /** Who wrote an accepted message id, if it was accepted. */
  messageAuthor(id: string): string | undefined {
    return this.messageIds?.get(id) ?? this.state.index.messageIds.get(id);
  }

  /** Whether any queue has ever held anything: most workspaces most of the time wait on nothing. */
  get anyQueued(): boolean {
    return this.state.index.queues.size > 0 || this.enqueued !== undefined;
  }

  /** Oldest pending conversation of a queue, as of this draft. */
  queueHead(key: string): Conversation | undefined {
    const base = this.state.index.queues.get(key);
    if (base) for (const id of base) if (!this.dequeued?.has(id)) return this.conversation(id);
    const added = this.enqueued?.get(key);
    return added && added.length > 0 ? this.conversation(added[0]) : undefined;
  }

  // IndexTarget: how a conversation change moves the draft's indexes.
  addLoad(userId: string, delta: number): void {
    this.loadDelta ??= new Map();
    this.loadDelta.set(userId, (this.loadDelta.get(userId) ?? 0) + delta);
    if (delta < 0) (this.freed ??= new Set()).add(userId);
  }
  markAssigned(userId: string, at: number, auto: boolean): void {
    (this.lastAssigned ??= new Map()).set(userId, at);
    if (auto) (this.seq ??= new Map()).set(userId, ++this.seqCounter);
  }
  enqueue(key: string, id: string): void {
    this.enqueued ??= new Map();
    const list = this.enqueued.get(key) ?? [];
    list.push(id);
    this.enqueued.set(key, list);
  }
  dequeue(key: string, id: string): void {
    const added = this.enqueued?.get(key);
    const at = added ? added.indexOf(id) : -1;
    if (at >= 0) added!.splice(at, 1);
    else (this.dequeued ??= new Set()).add(id);
  }

  /** Records a conversation change: bumps its version once per command and indexes it. */
  change(
    prev: Conversation,
    patch: Partial<Conversation>,
    entry?: Omit<AssignmentEntry, 'conversationId' | 'version' | 'at' | 'status' | 'from' | 'to' | 'team'> &
      Partial<Pick<AssignmentEntry, 'team'>>,
    message?: Message,
  ): Conversation {
    const original = this.state.conversations.get(prev.id);
    const version = (original?.version ?? prev.version) + 1;
    const next: Conversation = { ...prev, ...patch, version };
    if (message) next.lastMessageAt = message.at;
    // pendingSince is when it began waiting in its current queue: kept while it stays there.
    if (next.status !== 'pending') next.pendingSince = null;
    else if (prev.status === 'pending' && queueKey(prev) === queueKey(next)) next.pendingSince = prev.pendingSince;
    else next.pendingSince = this.at;
    const fullEntry: AssignmentEntry | undefined = entry && {
      conversationId: next.id,
      action: entry.action,
      actor: entry.actor,
      from: prev.assignee,
      to: next.assignee,
      team: entry.team !== undefined ? entry.team : next.team,
      status: next.status,
      note: entry.note,
      auto: entry.auto,
      at: this.at,
      version,
    };
    indexConversationChange(this, prev, next, fullEntry);
    (this.conversations ??= new Map()).set(next.id, next);
    if (message) (this.messageIds ??= new Map()).set(message.id, authorKey(message.author));
    // One event per conversation per command: merge into an earlier one if this command already changed it.
    const earlier = this.events.findIndex((e) => e.type === 'conversation' && e.conversation.id === next.id);
    if (earlier >= 0) {
      const event = this.events[earlier] as Extract<BatonEvent, { type: 'conversation' }>;
      // Keep the first change's action, actor and note; take where it ended up.
      const merged =
        event.entry && fullEntry
          ? { ...event.entry, to: next.assignee, status: next.status, team: fullEntry.team, auto: fullEntry.auto }
          : (event.entry ?? (fullEntry && { ...fullEntry, from: event.previousAssignee ?? null }));
      this.events[earlier] = {
        ...event,
        conversation: next,
        ...(merged ? { entry: merged } : {}),
        ...(message ?? event.message ? { message: message ?? event.message } : {}),
      };
      return next;
    }
    this.events.push({
      type: 'conversation',
      conversation: next,
      ...(fullEntry ? { entry: fullEntry } : {}),
      ...(message ? { message } : {}),
      previousAssignee: prev.assignee,
    });
    return next;
  }

  setUser(user: User, onlineSeq?: number): void {
    (this.users ??= new Map()).set(user.id, user);
    if (onlineSeq !== undefined) (this.seq ??= new Map()).set(user.id, onlineSeq);
    const { token: _token, ...publicUser } = user;
    this.events.push({ type: 'user', user: publicUser, ...(onlineSeq !== undefined ? { onlineSeq } : {}) });
  }
  nextSeq(): number {
    return ++this.seqCounter;
  }
  setTeamspace(teamspace: Teamspace): void {
    (this.teamspaces ??= new Map()).set(teamspace.id, teamspace);
    this.events.push({ type: 'teamspace', teamspace });
  }
  setWorkspace(workspace: Workspace): void {
    this.workspaceOverride = workspace;
    this.events.push({ type: 'workspace', workspace });
  }
}
