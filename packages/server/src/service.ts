import {
  applyEvents,
  createState,
  decide,
  toSnapshot,
  type BatonEvent,
  type Command,
  type CommandResult,
  type Conversation,
  type Refusal,
  type WorkspaceSnapshot,
  type WorkspaceState,
} from '@baton/sdk';
import type { Store, StoredEvent } from './store.js';

export interface ServiceOptions {
  store: Store;
  /** The workspace to start from when the store is empty. */
  seed?: WorkspaceSnapshot;
  /** Clock (ms); injected so tests control time. */
  now?: () => number;
  /** Random source for `random` routing. */
  random?: () => number;
  /** Events kept in memory for resuming streams without reading the store (default 10 000). */
  historySize?: number;
  /** Write a checkpoint of the whole state every this many events (default 5 000). */
  checkpointEvery?: number;
  /**
   * The stream position an empty store starts after (default: the current time in
   * microseconds), so a position from another store's history is never taken for one of this one's.
   */
  streamOrigin?: number;
}

export type Outcome = { ok: true; result: CommandResult } | { ok: false; refusal: Refusal };

export type StreamListener = (stored: StoredEvent) => void;

/**
 * One workspace served over the network: the state in memory, every accepted command in the
 * store, and the stream of events. Commands run one at a time, synchronously, each decided
 * by the SDK's `decide` against the current state, so of two racing takeovers exactly one wins.
 */
export interface WorkspaceService {
  readonly state: WorkspaceState;
  /** The id of the newest event (the stream's origin when none). */
  readonly lastEventId: number;
  execute(command: Command): Outcome;
  /** Every event after `id` (0: from the first), oldest first; `null` when they are no longer kept or `id` is not of this history. */
  eventsAfter(id: number): StoredEvent[] | null;
  /** Every new event, for all viewers; returns the unsubscribe function. */
  listen(listener: StreamListener): () => void;
  snapshot(): WorkspaceSnapshot;
  close(): void;
}

const MAX_REPLAY = 100_000;

export function createWorkspaceService(options: ServiceOptions): WorkspaceService {
  const { store } = options;
  const now = options.now ?? Date.now;
  const historySize = options.historySize ?? 10_000;
  const checkpointEvery = options.checkpointEvery ?? 5_000;

  let stored = store.load();
  if (!stored) {
    if (!options.seed) throw new Error('The store is empty: start it from a workspace snapshot (a seed).');
    const origin = options.streamOrigin ?? Date.now() * 1000;
    store.init(options.seed, origin);
    stored = { snapshot: structuredClone(options.seed), events: [], lastEventId: origin };
  }
  const state = createState(stored.snapshot);
  applyEvents(state, stored.events.map((e) => e.event));
  let lastEventId = stored.lastEventId;
  let sinceCheckpoint = stored.events.length;
  // A ring of recent events; `history[0]` is the oldest kept.
  const history: StoredEvent[] = stored.events.slice(-historySize);
  const listeners = new Set<StreamListener>();

  const conversationAfter = (command: Command, events: BatonEvent[]): Conversation | null => {
    if (!('conversationId' in command)) return null;
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i];
      if (event.type === 'conversation' && event.conversation.id === command.conversationId) return event.conversation;
    }
    return state.conversations.get(command.conversationId) ?? null;
  };

  return {
    get state() {
      return state;
    },
    get lastEventId() {
      return lastEventId;
    },
    execute(command) {
      // The service's clock is the command's time: a caller's own `at` could reorder queues.
      const at = Math.max(now(), state.clock);
      const decision = decide(state, command.at === undefined ? command : { ...command, at }, { now: at, random: options.random });
      if (!decision.ok) {
        const { ok: _ok, ...refusal } = decision;
        return { ok: false, refusal };
      }
      const messageId = 'messageId' in command ? command.messageId : undefined;
      if (decision.duplicate) {
        const first = messageId !== undefined ? store.resultOf(messageId) : undefined;
        return { ok: true, result: first ?? { events: [], conversation: conversationAfter(command, []), duplicate: true } };
      }
      const events = decision.events.map((event, i) => ({ id: lastEventId + 1 + i, event }));
      const result: CommandResult = { events: decision.events, conversation: conversationAfter(command, decision.events), duplicate: false };
      // Stored first: if the write fails, the state is untouched and the command did not happen.
      store.commit({ events, ...(messageId !== undefined ? { messageId, result: { ...result, duplicate: true } } : {}) });
      applyEvents(state, decision.events);
      lastEventId += events.length;
      history.push(...events);
      if (history.length > historySize) history.splice(0, history.length - historySize);
      sinceCheckpoint += events.length;
      if (sinceCheckpoint >= checkpointEvery) {
        store.checkpoint(toSnapshot(state), lastEventId);
        sinceCheckpoint = 0;
      }
      for (const event of events) for (const listener of [...listeners]) listener(event);
      return { ok: true, result };
    },
    eventsAfter(id) {
      if (id >= lastEventId) return [];
      const oldest = history[0]?.id;
      if (oldest !== undefined && id + 1 >= oldest) return history.slice(id + 1 - oldest);
      const kept = store.eventsAfter(id, MAX_REPLAY);
      if (!kept) return null;
      // 0 comes before every history: the whole of this one, from its first event.
      if (id === 0) return kept.length === 0 || kept.at(-1)!.id === lastEventId ? kept : null;
      // Below this history's first event is a position of another history.
      return kept[0]?.id === id + 1 && kept.at(-1)!.id === lastEventId ? kept : null;
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot() {
      return structuredClone(toSnapshot(state));
    },
    close() {
      listeners.clear();
      store.close();
    },
  };
}
