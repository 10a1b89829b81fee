import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { PostgresEventStore } from '@mandate-ledger/event-store/postgres/postgres.event-store';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import type { EventStore, StoredEvent } from '@mandate-ledger/event-store';
import { killAfterAcks, spawnTs } from '../support/child-process';
import { describeWithPostgres, dropTestSchema, lockOpenTransactionTests, postgresTestUrl, testSchemaName } from '../support/postgres';

/**
 * A writer process appends one event at a time and prints each acknowledgment; it is killed with
 * SIGKILL mid-flight while this process follows the log. Every acknowledged append must be stored,
 * and the subscriber must see each stored event once.
 */
const killedWriterKeepsEveryAck = async (reader: EventStore, env: NodeJS.ProcessEnv): Promise<void> => {
  const stream = `thing-${randomUUID()}`;
  const head = await reader.headPosition();
  const controller = new AbortController();
  const seen: StoredEvent[] = [];
  const subscription = (async () => {
    for await (const event of reader.subscribeToAll({ after: head, signal: controller.signal })) if (event.stream === stream) seen.push(event);
  })();

  const acks = await killAfterAcks(spawnTs('test/support/append-until-killed.ts', [stream], env), 200);

  const stored = await reader.readStream(stream);
  const storedIds = new Set(stored.map((e) => e.id));
  expect(acks.length).toBeGreaterThanOrEqual(200);
  expect(acks.filter((id) => !storedIds.has(id))).toEqual([]);
  expect(stored.map((e) => Number(e.revision))).toEqual(stored.map((_, i) => i));

  while (seen.length < stored.length) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  await subscription;
  expect(seen.map((e) => e.id)).toEqual(stored.map((e) => e.id));
};

describe('SQLite store across processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-sqlite-durability-'));
  const path = join(dir, 'events.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append of a writer killed with SIGKILL, and a subscriber in another process sees each once', async () => {
    const reader = SqliteEventStore.open({ path, pollIntervalMs: 10 });
    await killedWriterKeepsEveryAck(reader, { EVENT_STORE: 'sqlite', SQLITE_PATH: path });
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

describeWithPostgres('PostgreSQL store across processes', () => {
  const schema = testSchemaName();
  let unlock: () => Promise<void>;
  let reader: PostgresEventStore;
  beforeAll(async () => {
    unlock = await lockOpenTransactionTests('shared');
    reader = await PostgresEventStore.open({ connectionString: postgresTestUrl, schema, pollIntervalMs: 10 });
  });
  afterAll(async () => {
    await reader.close();
    await dropTestSchema(schema);
    await unlock();
  });

  it('keeps every acknowledged append of a writer killed with SIGKILL, and a subscriber in another process sees each once', async () => {
    await killedWriterKeepsEveryAck(reader, { EVENT_STORE: 'postgres', DATABASE_URL: postgresTestUrl, DATABASE_SCHEMA: schema });
  });

  it('commits with synchronous_commit on and fsync on, so an acknowledged append is on disk', async () => {
    const client = new Client({ connectionString: postgresTestUrl });
    await client.connect();
    const { rows } = await client.query("SELECT current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fsync");
    await client.end();
    expect(rows[0]).toEqual({ sc: 'on', fsync: 'on' });
  });
});
