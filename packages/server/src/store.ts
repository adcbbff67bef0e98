import type { BatonEvent, CommandResult, WorkspaceSnapshot } from '@baton/sdk';

/** An event with its position in the workspace's stream: one more than the event before it. */
export interface StoredEvent {
  id: number;
  event: BatonEvent;
}

/** One accepted command: its events and, when it carried a message id, its first result. */
export interface CommandRecord {
  events: StoredEvent[];
  messageId?: string;
  result?: CommandResult;
}

/** What a store holds at start: the latest checkpoint and every event after it. */
export interface StoredWorkspace {
  snapshot: WorkspaceSnapshot;
  /** Events after the snapshot, oldest first. */
  events: StoredEvent[];
  lastEventId: number;
}

/**
 * Durable storage for one workspace. Synchronous on purpose: a command is decided and
 * committed within one turn of the event loop, so commands never interleave.
 */
export interface Store {
  /** The stored workspace, or `null` when the store is empty. */
  load(): StoredWorkspace | null;
  /** Starts an empty store from a snapshot; its first event will be `lastEventId + 1`. */
  init(snapshot: WorkspaceSnapshot, lastEventId: number): void;
  /** Writes a command's events and idempotency record all at once, or nothing. */
  commit(record: CommandRecord): void;
  /** The first result of an accepted message id. */
  resultOf(messageId: string): CommandResult | undefined;
  /** Events after `id`, oldest first, at most `limit`; `null` when they are no longer kept. */
  eventsAfter(id: number, limit: number): StoredEvent[] | null;
  /** Records the whole state as of an event, so a restart replays less. */
  checkpoint(snapshot: WorkspaceSnapshot, lastEventId: number): void;
  close(): void;
}

/** Keeps everything in memory: for tests and throwaway servers. */
export function createMemoryStore(): Store {
  let snapshot: WorkspaceSnapshot | null = null;
  let origin = 0;
  const events: StoredEvent[] = [];
  const results = new Map<string, CommandResult>();
  return {
    load: () => (snapshot ? { snapshot: structuredClone(snapshot), events: [...events], lastEventId: events.at(-1)?.id ?? origin } : null),
    init(initial, lastEventId) {
      snapshot = structuredClone(initial);
      origin = lastEventId;
    },
    commit(record) {
      events.push(...structuredClone(record.events));
      if (record.messageId !== undefined && record.result) results.set(record.messageId, structuredClone(record.result));
    },
    resultOf: (messageId) => results.get(messageId),
    eventsAfter(id, limit) {
      // Ids are dense, so the position of id+1 is its index minus the first id.
      const first = events[0]?.id ?? id + 1;
      const start = Math.max(0, id + 1 - first);
      return events.slice(start, start + limit);
    },
    checkpoint() {},
    close() {},
  };
}
