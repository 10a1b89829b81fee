import Database from 'better-sqlite3';
import type { EventToAppend } from '@mandate-ledger/event-store';

/**
 * The baseline: the same rows written with plain better-sqlite3, same pragmas and same indexes as
 * the store's table, but none of the store's checks.
 */
export const openRawSqlite = (path: string) => {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS raw_events (
    position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, revision INTEGER NOT NULL,
    type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL, UNIQUE (stream, revision))`);
  const insert = db.prepare(
    `INSERT INTO raw_events (id, stream, revision, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOne = (stream: string, revision: number, event: EventToAppend, recordedAt = new Date().toISOString()) =>
    insert.run(event.id, stream, revision, event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt);
  const insertBatch = db.transaction((stream: string, firstRevision: number, events: EventToAppend[]) => {
    const recordedAt = new Date().toISOString();
    events.forEach((event, i) => insertOne(stream, firstRevision + i, event, recordedAt));
  });
  const select = db.prepare(`SELECT position, id, stream, revision, type, schema_version, data, metadata, recorded_at FROM raw_events WHERE position > ? ORDER BY position LIMIT ?`);
  return {
    db,
    /** One event, one transaction (autocommit). */
    appendOne: (stream: string, revision: number, event: EventToAppend) => insertOne(stream, revision, event),
    appendBatch: (stream: string, firstRevision: number, events: EventToAppend[]) => insertBatch.immediate(stream, firstRevision, events),
    /** Reads a batch and parses its JSON, as the store does. */
    readBatch: (after: number, limit: number) => {
      const rows = select.all(after, limit) as { position: number; data: string; metadata: string }[];
      for (const row of rows) {
        row.data = JSON.parse(row.data);
        row.metadata = JSON.parse(row.metadata);
      }
      return rows;
    },
    close: () => db.close(),
  };
};
