import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import type { StoredEvent } from '@mandate-ledger/event-store';
import { killAfterAcks, spawnTs } from '../support/child-process';

describe('SQLite store across processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-sqlite-durability-'));
  const path = join(dir, 'events.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append of a writer killed with SIGKILL, and a subscriber in another process sees each of them once', async () => {
    const reader = SqliteEventStore.open({ path, pollIntervalMs: 10 });
    const stream = `thing-${randomUUID()}`;
    const controller = new AbortController();
    const seen: StoredEvent[] = [];
    const subscription = (async () => {
      for await (const event of reader.subscribeToAll({ signal: controller.signal })) if (event.stream === stream) seen.push(event);
    })();

    const acks = await killAfterAcks(spawnTs('test/support/append-until-killed.ts', [stream], { EVENT_STORE: 'sqlite', SQLITE_PATH: path }), 200);

    const stored = await reader.readStream(stream);
    const storedIds = new Set(stored.map((e) => e.id));
    expect(acks.length).toBeGreaterThanOrEqual(200);
    expect(acks.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(stored.map((e) => Number(e.revision))).toEqual(stored.map((_, i) => i));

    // The subscriber in this process catches up with everything the other process committed.
    while (seen.length < stored.length) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await subscription;
    expect(seen.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    await reader.close();
  });

  it('runs in WAL mode with synchronous=FULL, so a commit is on disk before the append returns', async () => {
    const store = SqliteEventStore.open({ path });
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // synchronous is per connection: read it from the store's own connection.
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
    await store.close();
  });
});
