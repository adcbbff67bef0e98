import Database from 'better-sqlite3';
import type { CommandResult, WorkspaceSnapshot } from '@baton/sdk';
import type { CommandRecord, Store, StoredEvent } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (last_event_id INTEGER PRIMARY KEY, snapshot TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, type TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (message_id TEXT PRIMARY KEY, body TEXT NOT NULL);
`;

/**
 * One SQLite file in WAL mode. The in-memory state is the source of truth while the
 * process runs, so the file is locked exclusively: a second server on it would diverge.
 */
export function createSqliteStore(filename: string): Store {
  // Locked to one server: waiting for another process's lock would only delay the failure.
  const db = new Database(filename, { timeout: 100 });
  try {
    db.pragma('journal_mode = WAL');
    // An acknowledged command must survive a crash or power loss.
    db.pragma('synchronous = FULL');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec(SCHEMA);
  } catch (error) {
    db.close();
    throw error;
  }

  const insertEvent = db.prepare<[number, string, string]>('INSERT INTO events (id, type, body) VALUES (?, ?, ?)');
  const insertResult = db.prepare<[string, string]>('INSERT OR IGNORE INTO results (message_id, body) VALUES (?, ?)');
  const selectResult = db.prepare<[string], { body: string }>('SELECT body FROM results WHERE message_id = ?');
  const selectEvents = db.prepare<[number, number], { id: number; body: string }>(
    'SELECT id, body FROM events WHERE id > ? ORDER BY id LIMIT ?',
  );
  const selectAllEvents = db.prepare<[number], { id: number; body: string }>('SELECT id, body FROM events WHERE id > ? ORDER BY id');
  const lastCheckpoint = db.prepare<[], { last_event_id: number; snapshot: string }>(
    'SELECT last_event_id, snapshot FROM checkpoints ORDER BY last_event_id DESC LIMIT 1',
  );
  const lastEvent = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM events');
  const insertCheckpoint = db.prepare<[number, string]>('INSERT OR REPLACE INTO checkpoints (last_event_id, snapshot) VALUES (?, ?)');
  const pruneCheckpoints = db.prepare<[number]>('DELETE FROM checkpoints WHERE last_event_id < ?');

  const commit = db.transaction((record: CommandRecord) => {
    for (const { id, event } of record.events) insertEvent.run(id, event.type, JSON.stringify(event));
    if (record.messageId !== undefined && record.result) insertResult.run(record.messageId, JSON.stringify(record.result));
  });
  const checkpoint = db.transaction((snapshot: WorkspaceSnapshot, lastEventId: number) => {
    insertCheckpoint.run(lastEventId, JSON.stringify(snapshot));
    pruneCheckpoints.run(lastEventId);
  });
  const parse = (rows: { id: number; body: string }[]): StoredEvent[] => rows.map((row) => ({ id: row.id, event: JSON.parse(row.body) }));

  return {
    load() {
      const latest = lastCheckpoint.get();
      if (!latest) return null;
      return {
        snapshot: JSON.parse(latest.snapshot),
        events: parse(selectAllEvents.all(latest.last_event_id)),
        lastEventId: lastEvent.get()?.id ?? latest.last_event_id,
      };
    },
    init(snapshot, lastEventId) {
      // The first checkpoint holds where positions start, so they survive restarts of this file.
      checkpoint(snapshot, lastEventId);
    },
    commit(record) {
      commit(record);
    },
    resultOf(messageId) {
      const row = selectResult.get(messageId);
      return row ? (JSON.parse(row.body) as CommandResult) : undefined;
    },
    eventsAfter(id, limit) {
      return parse(selectEvents.all(id, limit));
    },
    checkpoint(snapshot, lastEventId) {
      checkpoint(snapshot, lastEventId);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
