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
import { indexConversationChange, queueKey, type IndexTarget, type WorkspaceState } from '../state/state.js';

/** Thrown inside the rules to stop with a refusal; never escapes `decide` or `can`. */
export class RefusalSignal {
  constructor(readonly refusal: Refusal) {}
}

/**
 * For checks that `can` runs many times in a row (every candidate of a transfer): a refusal
 * returned, not thrown. A throw costs V8 a few microseconds, as it records where it happened.
 */
export const refusal = (code: RefusalCode, message: string, extra: Omit<Refusal, 'code' | 'message'> = {}): Refusal => ({
  code,
  message,
  ...extra,
});

export function refuse(code: RefusalCode, message: string, extra?: Omit<Refusal, 'code' | 'message'>): never {
  throw new RefusalSignal(refusal(code, message, extra));
}

/** What one command changed about an agent's routing figures. */
interface AgentChange {
  /** Net change of the open load, and of its auto-assigned part. */
  load: number;
  autoLoad: number;
  /** True when the load went down at some point: a slot opened, their queues may drain. */
  freed: boolean;
  lastAssignedAt?: number;
  onlineSeq?: number;
}

/**
 * The workspace state as the checks read it. `can` and the queries read through this alone;
 * `decide` reads through a `Draft`, which adds what the command has changed so far. So a
 * bundle with `can` and without `decide` (the embed over HTTP) carries none of the writing.
 */
export class View {
  constructor(readonly state: WorkspaceState) {}

  get workspace(): Workspace {
    return this.state.workspace;
  }
  conversation(id: string): Conversation | undefined {
    return this.state.conversations.get(id);
  }
  user(id: string): User | undefined {
    return this.state.users.get(id);
  }
  team(id: string): Team | undefined {
    return this.state.teams.get(id);
  }
  teamspace(id: string): Teamspace | undefined {
    return this.state.teamspaces.get(id);
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
}

/**
 * A command's working view of the state: reads fall through to the state, writes stay
 * here. Only what one command touches is copied, so a command's cost does not depend on
 * how many conversations the workspace holds, and the state itself is never mutated.
 */
export class Draft extends View implements IndexTarget {
  readonly events: BatonEvent[] = [];
  // Created on first write: most commands touch one or two of these, and a command's
  // garbage is what it costs the collector in a large workspace.
  #conversations: Map<string, Conversation> | undefined;
  #users: Map<string, User> | undefined;
  #teamspaces: Map<string, Teamspace> | undefined;
  #workspace: Workspace | undefined;
  #agents: Map<string, AgentChange> | undefined;
  #seqCounter: number;
  #dequeued: Set<string> | undefined;
  #enqueued: Map<string, string[]> | undefined;
  /** The conversation a transfer moved away from its holder, who must not get it back in this command. */
  #excluded: { conversationId: string; userId: string } | undefined;

  constructor(
    state: WorkspaceState,
    readonly at: number,
    readonly random: (() => number) | undefined,
  ) {
    super(state);
    this.#seqCounter = state.index.seqCounter;
  }

  override get workspace(): Workspace {
    return this.#workspace ?? this.state.workspace;
  }
  override conversation(id: string): Conversation | undefined {
    return this.#conversations?.get(id) ?? this.state.conversations.get(id);
  }
  override user(id: string): User | undefined {
    return this.#users?.get(id) ?? this.state.users.get(id);
  }
  override teamspace(id: string): Teamspace | undefined {
    return this.#teamspaces?.get(id) ?? this.state.teamspaces.get(id);
  }
  teamspaceMembers(teamspaceId: string): readonly string[] {
    return this.state.index.teamspaceMembers.get(teamspaceId) ?? [];
  }
  load(userId: string): number {
    return (this.state.index.load.get(userId) ?? 0) + (this.#agents?.get(userId)?.load ?? 0);
  }
  autoLoad(userId: string): number {
    return (this.state.index.autoLoad.get(userId) ?? 0) + (this.#agents?.get(userId)?.autoLoad ?? 0);
  }
  lastAssignedAt(userId: string): number {
    return this.#agents?.get(userId)?.lastAssignedAt ?? this.state.index.lastAssignedAt.get(userId) ?? -Infinity;
  }
  onlineSeq(userId: string): number {
    return this.#agents?.get(userId)?.onlineSeq ?? this.state.index.onlineSeq.get(userId) ?? Infinity;
  }
  /**
   * Who wrote an accepted message id, if it was accepted. Read before a command adds its
   * own message (a command adds one at most), so the state alone answers.
   */
  messageAuthor(id: string): string | undefined {
    return this.state.index.messageIds.get(id);
  }
  /** Agents whose load went down in this command: their queues may drain. */
  freed(): string[] {
    const ids: string[] = [];
    if (this.#agents) for (const [id, change] of this.#agents) if (change.freed) ids.push(id);
    return ids;
  }
  /** Keeps routing from handing the conversation back to the agent who just gave it away. */
  exclude(conversationId: string, userId: string): void {
    this.#excluded = { conversationId, userId };
  }
  excludedFrom(conversationId: string): string | undefined {
    return this.#excluded?.conversationId === conversationId ? this.#excluded.userId : undefined;
  }

  /** Whether any queue has ever held anything: most workspaces most of the time wait on nothing. */
  get anyQueued(): boolean {
    return this.state.index.queues.size > 0 || this.#enqueued !== undefined;
  }

  /** Oldest pending conversation of a queue, as of this draft. */
  queueHead(key: string): Conversation | undefined {
    const base = this.state.index.queues.get(key);
    if (base) for (const id of base) if (!this.#dequeued?.has(id)) return this.conversation(id);
    const added = this.#enqueued?.get(key);
    return added && added.length > 0 ? this.conversation(added[0]) : undefined;
  }

  #agent(userId: string): AgentChange {
    this.#agents ??= new Map();
    let change = this.#agents.get(userId);
    if (!change) this.#agents.set(userId, (change = { load: 0, autoLoad: 0, freed: false }));
    return change;
  }

  // IndexTarget: how a conversation change moves the draft's indexes.
  addLoad(userId: string, delta: number): void {
    const change = this.#agent(userId);
    change.load += delta;
    if (delta < 0) change.freed = true;
  }
  addAutoLoad(userId: string, delta: number): void {
    this.#agent(userId).autoLoad += delta;
  }
  markAssigned(userId: string, at: number, auto: boolean): void {
    const change = this.#agent(userId);
    change.lastAssignedAt = at;
    if (auto) change.onlineSeq = ++this.#seqCounter;
  }
  enqueue(key: string, id: string): void {
    this.#enqueued ??= new Map();
    const list = this.#enqueued.get(key);
    if (list) list.push(id);
    else this.#enqueued.set(key, [id]);
  }
  dequeue(key: string, id: string): void {
    const added = this.#enqueued?.get(key);
    const at = added ? added.indexOf(id) : -1;
    if (at >= 0) added!.splice(at, 1);
    else (this.#dequeued ??= new Set()).add(id);
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
    // Whether routing chose the assignee: set with each new assignee, kept otherwise.
    if (next.assignee?.id !== prev.assignee?.id || next.assignee?.type !== prev.assignee?.type) {
      if (entry?.auto) next.autoAssigned = true;
      else if (next.autoAssigned) next.autoAssigned = false;
    }
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
    const first = !this.#conversations?.has(next.id);
    (this.#conversations ??= new Map()).set(next.id, next);
    if (first) {
      const event: Extract<BatonEvent, { type: 'conversation' }> = { type: 'conversation', conversation: next };
      if (fullEntry) event.entry = fullEntry;
      if (message) event.message = message;
      event.previousAssignee = prev.assignee;
      event.previousTeam = prev.team;
      event.previousStatus = prev.status;
      this.events.push(event);
      return next;
    }
    // One event per conversation per command: merge into the earlier one.
    for (let i = 0; i < this.events.length; i++) {
      const event = this.events[i];
      if (event.type !== 'conversation' || event.conversation.id !== next.id) continue;
      // Keep the first change's action, actor and note; take where it ended up.
      const merged =
        event.entry && fullEntry
          ? { ...event.entry, to: next.assignee, status: next.status, team: fullEntry.team, auto: fullEntry.auto }
          : (event.entry ?? (fullEntry && { ...fullEntry, from: event.previousAssignee ?? null }));
      this.events[i] = {
        ...event,
        conversation: next,
        ...(merged ? { entry: merged } : {}),
        ...(message ?? event.message ? { message: message ?? event.message } : {}),
      };
      break;
    }
    return next;
  }

  setUser(user: User, onlineSeq?: number): void {
    (this.#users ??= new Map()).set(user.id, user);
    if (onlineSeq !== undefined) this.#agent(user.id).onlineSeq = onlineSeq;
    const { token: _token, ...publicUser } = user;
    this.events.push({ type: 'user', user: publicUser, ...(onlineSeq !== undefined ? { onlineSeq } : {}) });
  }
  nextSeq(): number {
    return ++this.#seqCounter;
  }
  setTeamspace(teamspace: Teamspace): void {
    (this.#teamspaces ??= new Map()).set(teamspace.id, teamspace);
    this.events.push({ type: 'teamspace', teamspace });
  }
  setWorkspace(workspace: Workspace): void {
    this.#workspace = workspace;
    this.events.push({ type: 'workspace', workspace });
  }
}
