import { atom, computed, onMount, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { AgentCommand, BatonEvent, Decision } from '../domain/commands.js';
import type {
  AssignmentEntry,
  Conversation,
  Directory,
  Message,
  Notification,
  PublicUser,
} from '../domain/types.js';
import { matchesFilter, type Candidates, type ConversationFilter } from '../queries/queries.js';
import { can as canDo, type ActionName } from '../rules/decide.js';
import { applyEvent, createState, type WorkspaceState } from '../state/state.js';
import { BatonError, isBatonError, type Backend, type CommandResult } from '../backends/backend.js';

export interface ClientOptions {
  backend: Backend;
  userId: string;
  /** Makes message ids (idempotency keys); defaults to `crypto.randomUUID`. */
  newId?: () => string;
}

/** The person-made actions, as the client names them. */
export type ClientAction = 'send' | 'transfer' | 'transferToTeam' | 'transferToAi' | 'takeover' | 'claim' | 'close';
export const CLIENT_ACTIONS: readonly ClientAction[] = [
  'send',
  'transfer',
  'transferToTeam',
  'transferToAi',
  'takeover',
  'claim',
  'close',
];

export type ActionPermissions = Record<ClientAction, Decision>;

export interface ConversationStores {
  readonly id: string;
  /** The conversation as last seen; `undefined` until loaded. */
  $conversation: ReadableAtom<Conversation | undefined>;
  /** What the current user may do with it now, and why not. */
  $permissions: ReadableAtom<ActionPermissions | undefined>;
  $messages: ReadableAtom<Message[]>;
  /** The assignment log, oldest first. */
  $log: ReadableAtom<AssignmentEntry[]>;
  /** Transfer targets; loaded while subscribed and kept fresh. */
  $candidates: ReadableAtom<Candidates | undefined>;
  /** Why loading failed, if it did. */
  $error: ReadableAtom<BatonError | undefined>;
  refresh(): Promise<void>;
}

export interface ListStore {
  $items: ReadableAtom<Conversation[]>;
  $loading: ReadableAtom<boolean>;
  refresh(): Promise<void>;
}

export interface ActionOptions {
  /** Idempotency key of the message; reuse it to retry safely. */
  messageId?: string;
  note?: string;
}

export interface BatonClient {
  readonly userId: string;
  readonly backend: Backend;
  $me: ReadableAtom<PublicUser | undefined>;
  $directory: ReadableAtom<Directory | undefined>;
  /** Notifications for the current user, newest first. */
  $notifications: ReadableAtom<Notification[]>;
  $unreadCount: ReadableAtom<number>;
  /** Resolves once the directory is loaded. */
  ready: Promise<void>;
  conversation(id: string): ConversationStores;
  list(filter: ConversationFilter): ListStore;
  /** Whether the current user may do an action now, by the same rules the backend enforces. */
  can(action: ClientAction | ActionName, conversationId: string, target?: string): Decision;
  send(conversationId: string, body: string, options?: ActionOptions): Promise<CommandResult>;
  transfer(conversationId: string, targetUserId: string, options?: ActionOptions): Promise<CommandResult>;
  transferToTeam(conversationId: string, teamId: string, options?: ActionOptions): Promise<CommandResult>;
  transferToAi(conversationId: string, options?: ActionOptions & { aiAgentId?: string }): Promise<CommandResult>;
  takeover(conversationId: string, body: string, options?: ActionOptions): Promise<CommandResult>;
  claim(conversationId: string, options?: ActionOptions & { body?: string }): Promise<CommandResult>;
  close(conversationId: string): Promise<CommandResult>;
  markNotificationsRead(): void;
  /** Stops live events. */
  destroy(): void;
}

// randomUUID exists only in secure contexts; getRandomValues everywhere.
const defaultId = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b: number) => b.toString(16).padStart(2, '0')).join('');

const ACTION_NAMES: Record<ClientAction, ActionName> = {
  send: 'send',
  transfer: 'transfer',
  transferToTeam: 'transfer-to-team',
  transferToAi: 'transfer-to-ai',
  takeover: 'takeover',
  claim: 'claim',
  close: 'close',
};

interface ConversationEntry extends ConversationStores {
  $conversation: WritableAtom<Conversation | undefined>;
  $messages: WritableAtom<Message[]>;
  $log: WritableAtom<AssignmentEntry[]>;
  $candidates: WritableAtom<Candidates | undefined>;
  $error: WritableAtom<BatonError | undefined>;
  candidatesMounted: boolean;
  refreshCandidates(): void;
  /** Loads it again and takes what the backend says as it is (after a reset). */
  reload(): Promise<void>;
}

interface ListEntry extends ListStore {
  filter: ConversationFilter;
  $items: WritableAtom<Conversation[]>;
}

const toError = (error: unknown): BatonError =>
  isBatonError(error)
    ? error
    : new BatonError({
        code: 'unavailable',
        message: "Can't reach the server right now.",
        params: { cause: error instanceof Error ? error.message : String(error) },
      });

/**
 * A client for one agent: nanostores atoms that stay current through the backend's live
 * events, `can` answered locally by the same rules, and the actions.
 */
export function createClient({ backend, userId, newId = defaultId }: ClientOptions): BatonClient {
  const actor = { type: 'user' as const, id: userId };
  let state: WorkspaceState | undefined;
  const $directory = atom<Directory | undefined>(undefined);
  const $me = computed($directory, (directory) => directory?.users.find((u) => u.id === userId));
  const $revision = atom(0);
  const $notifications = atom<Notification[]>([]);
  const $readUpTo = atom(0);
  const $unreadCount = computed([$notifications, $readUpTo], (list, readUpTo) => list.filter((n) => n.at > readUpTo).length);
  const conversations = new Map<string, ConversationEntry>();
  const lists = new Map<string, ListEntry>();

  const bump = () => $revision.set($revision.get() + 1);

  /** `fresh`: after a reset, forget the conversations known so far (the backend's history is another). */
  async function loadDirectory(fresh = false) {
    const directory = await backend.directory(userId);
    const previous = state;
    state = createState({ ...directory, conversations: [] });
    if (previous && !fresh) for (const conversation of previous.conversations.values()) upsertLocal(conversation);
    $directory.set(directory);
    bump();
  }
  const ready = loadDirectory();

  /** Keeps the local rules state in step with a conversation we know of. */
  function upsertLocal(conversation: Conversation) {
    if (!state) return;
    const known = state.conversations.get(conversation.id);
    if (known && known.version >= conversation.version) return;
    applyEvent(state, { type: 'conversation', conversation });
  }

  function setConversation(conversation: Conversation) {
    upsertLocal(conversation);
    const entry = conversations.get(conversation.id);
    if (entry) {
      const current = entry.$conversation.get();
      if (!current || current.version < conversation.version) entry.$conversation.set(conversation);
    }
    for (const list of lists.values()) {
      const items = list.$items.get();
      const at = items.findIndex((c) => c.id === conversation.id);
      if (at >= 0 && items[at].version >= conversation.version) continue;
      const belongs = state ? matchesFilter(state, userId, list.filter, conversation) : at >= 0;
      const rest = at >= 0 ? items.filter((_, i) => i !== at) : items;
      if (belongs) list.$items.set([conversation, ...rest]);
      else if (at >= 0) list.$items.set(rest);
    }
  }

  function handle(event: BatonEvent) {
    switch (event.type) {
      case 'conversation': {
        setConversation(event.conversation);
        const entry = conversations.get(event.conversation.id);
        if (entry) {
          const { message, entry: logEntry } = event;
          if (message && !entry.$messages.get().some((m) => m.id === message.id))
            entry.$messages.set([...entry.$messages.get(), message]);
          if (logEntry && !entry.$log.get().some((e) => e.version === logEntry.version))
            entry.$log.set([...entry.$log.get(), logEntry]);
        }
        for (const other of conversations.values()) other.refreshCandidates();
        break;
      }
      case 'user':
      case 'teamspace':
      case 'workspace': {
        if (state) applyEvent(state, event);
        const directory = $directory.get();
        if (directory) {
          if (event.type === 'user')
            $directory.set({ ...directory, users: directory.users.map((u) => (u.id === event.user.id ? event.user : u)) });
          else if (event.type === 'teamspace')
            $directory.set({
              ...directory,
              teamspaces: directory.teamspaces.map((t) => (t.id === event.teamspace.id ? event.teamspace : t)),
            });
          else $directory.set({ ...directory, workspace: event.workspace });
        }
        bump();
        for (const entry of conversations.values()) entry.refreshCandidates();
        for (const list of lists.values()) void list.refresh();
        break;
      }
      case 'notification':
        if (event.notification.userId === userId && !$notifications.get().some((n) => n.id === event.notification.id))
          $notifications.set([event.notification, ...$notifications.get()].slice(0, 100));
        break;
      case 'reset':
        $notifications.set([]);
        $readUpTo.set(0);
        // Another history: what was known may be newer than what is true now.
        void loadDirectory(true).then(() => {
          for (const entry of conversations.values()) void entry.reload();
          for (const list of lists.values()) void list.refresh();
        });
        break;
    }
  }

  const unsubscribe = backend.subscribe(userId, (event) => handle(event));

  function permissionsOf(conversation: Conversation | undefined): ActionPermissions | undefined {
    if (!conversation || !state) return undefined;
    upsertLocal(conversation);
    const out = {} as ActionPermissions;
    for (const action of CLIENT_ACTIONS) out[action] = canDo(state, userId, ACTION_NAMES[action], conversation.id);
    return out;
  }

  function conversation(id: string): ConversationStores {
    const existing = conversations.get(id);
    if (existing) return existing;
    const $conversation = atom<Conversation | undefined>(undefined);
    const $messages = atom<Message[]>([]);
    const $log = atom<AssignmentEntry[]>([]);
    const $candidates = atom<Candidates | undefined>(undefined);
    const $error = atom<BatonError | undefined>(undefined);
    const $permissions = computed([$conversation, $revision], (c) => permissionsOf(c));
    let candidatesLoading = false;
    let candidatesStale = false;
    /**
     * Loads the conversation, its messages and log. `replace` (after a reset) takes them as
     * they are; otherwise a load that finishes after a newer event never goes back to an older version.
     */
    async function load(replace: boolean) {
      try {
        const [c, messages, log] = await Promise.all([
          backend.conversation(userId, id),
          backend.messages(userId, id),
          backend.log(userId, id),
        ]);
        await ready;
        if (replace) {
          if (state) applyEvent(state, { type: 'conversation', conversation: c });
          $conversation.set(c);
        } else {
          setConversation(c);
          if (!$conversation.get()) $conversation.set(c);
        }
        $messages.set(replace ? messages : mergeBy($messages.get(), messages, (m) => m.id));
        $log.set(replace ? log : mergeBy($log.get(), log, (e) => String(e.version)).sort((a, b) => a.version - b.version));
        $error.set(undefined);
        if (replace) bump();
      } catch (error) {
        if (replace) {
          $conversation.set(undefined);
          $messages.set([]);
          $log.set([]);
        }
        $error.set(toError(error));
      }
    }
    const entry: ConversationEntry = {
      id,
      $conversation,
      $messages,
      $log,
      $candidates,
      $error,
      $permissions,
      candidatesMounted: false,
      reload: () => load(true),
      refresh: () => load(false),
      // At most one load in flight; events during it ask for one more afterwards, so a burst
      // of events costs two loads, not one per event.
      refreshCandidates() {
        if (!entry.candidatesMounted) return;
        if (candidatesLoading) {
          candidatesStale = true;
          return;
        }
        candidatesLoading = true;
        queueMicrotask(() => {
          backend
            .candidates(userId, id)
            .then(
              (candidates) => $candidates.set(candidates),
              (error) => $error.set(toError(error)),
            )
            .finally(() => {
              candidatesLoading = false;
              if (candidatesStale) {
                candidatesStale = false;
                entry.refreshCandidates();
              }
            });
        });
      },
    };
    onMount($conversation, () => {
      void entry.refresh();
    });
    onMount($candidates, () => {
      entry.candidatesMounted = true;
      entry.refreshCandidates();
      return () => {
        entry.candidatesMounted = false;
      };
    });
    conversations.set(id, entry);
    return entry;
  }

  function list(filter: ConversationFilter): ListStore {
    const key = JSON.stringify(filter, Object.keys(filter).sort());
    const existing = lists.get(key);
    if (existing) return existing;
    const $items = atom<Conversation[]>([]);
    const $loading = atom(false);
    const entry: ListEntry = {
      filter,
      $items,
      $loading,
      async refresh() {
        $loading.set(true);
        try {
          const items = await backend.conversations(userId, filter);
          await ready;
          for (const c of items) upsertLocal(c);
          $items.set(items);
        } finally {
          $loading.set(false);
        }
      },
    };
    onMount($items, () => {
      void entry.refresh().catch(() => undefined);
    });
    lists.set(key, entry);
    return entry;
  }

  function versionOf(conversationId: string): number | undefined {
    return conversations.get(conversationId)?.$conversation.get()?.version ?? state?.conversations.get(conversationId)?.version;
  }

  async function run(command: AgentCommand): Promise<CommandResult> {
    try {
      const result = await backend.execute(command);
      for (const event of result.events) handle(event);
      if (result.conversation) setConversation(result.conversation);
      return result;
    } catch (error) {
      const failure = toError(error);
      if (failure.conversation) setConversation(failure.conversation);
      // A lost race: load the log too, so "who took it, when" is at hand before callers hear of it.
      if (failure.code === 'version-conflict') await conversations.get(command.conversationId)?.refresh();
      throw failure;
    }
  }

  const on = (conversationId: string) => ({ actor, conversationId, expectedVersion: versionOf(conversationId) });

  return {
    userId,
    backend,
    $me,
    $directory,
    $notifications,
    $unreadCount,
    ready,
    conversation,
    list,
    can(action, conversationId, target) {
      if (!state) return { allowed: false, code: 'not-found', message: 'Still loading.' };
      const name = (ACTION_NAMES as Record<string, ActionName>)[action] ?? (action as ActionName);
      return canDo(state, userId, name, conversationId, target);
    },
    async send(conversationId, body, options = {}) {
      const messageId = options.messageId ?? newId();
      // A customer message may move the version while the agent types; sending only needs
      // the agent to still hold the conversation, so retry with the fresh version then.
      for (let attempt = 0; ; attempt++) {
        try {
          return await run({ ...on(conversationId), type: 'send', messageId, body });
        } catch (error) {
          const failure = error as BatonError;
          const stillMine = failure.conversation?.assignee?.type === 'user' && failure.conversation.assignee.id === userId;
          if (failure.code !== 'version-conflict' || !stillMine || attempt >= 2) throw failure;
        }
      }
    },
    transfer: (conversationId, targetUserId, options = {}) =>
      run({ ...on(conversationId), type: 'transfer', targetUserId, ...(options.note ? { note: options.note } : {}) }),
    transferToTeam: (conversationId, teamId, options = {}) =>
      run({ ...on(conversationId), type: 'transfer-to-team', teamId, ...(options.note ? { note: options.note } : {}) }),
    transferToAi: (conversationId, options = {}) =>
      run({
        ...on(conversationId),
        type: 'transfer-to-ai',
        ...(options.aiAgentId ? { aiAgentId: options.aiAgentId } : {}),
        ...(options.note ? { note: options.note } : {}),
      }),
    takeover: (conversationId, body, options = {}) =>
      run({ ...on(conversationId), type: 'takeover', messageId: options.messageId ?? newId(), body }),
    claim: (conversationId, options = {}) =>
      run({
        ...on(conversationId),
        type: 'claim',
        ...(options.body !== undefined ? { body: options.body, messageId: options.messageId ?? newId() } : {}),
      }),
    close: (conversationId) => run({ ...on(conversationId), type: 'close' }),
    markNotificationsRead() {
      const newest = $notifications.get()[0];
      if (newest) $readUpTo.set(newest.at);
    },
    destroy() {
      unsubscribe();
    },
  };
}

function mergeBy<T>(current: T[], loaded: T[], key: (item: T) => string): T[] {
  const seen = new Set(loaded.map(key));
  return [...loaded, ...current.filter((item) => !seen.has(key(item)))];
}
