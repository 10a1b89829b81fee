import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreConfigFrom } from '@mandate-ledger/event-store';
import { PostgresEventStore } from '@mandate-ledger/event-store/postgres/postgres.event-store';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { describeWithPostgres, dropTestSchema, lockOpenTransactionTests, postgresTestUrl, testSchemaName } from '../../../test/support/postgres';
import { AuditLog } from './audit-log';
import { SQL_LOG_START, verifyLog } from './log-verifier';
import { frontierRoot } from './merkle-tree';
import { SealerThread } from './sealer-thread';
import { SqliteAuditStore } from './sqlite/sqlite.audit-store';
import { specKeys, thingHappened } from './testing/spec-log';

const ORIGIN = 'mandate-ledger/sealer-thread-spec';
const { signer, verifier } = specKeys(ORIGIN);

describe('the sealer on a thread of its own, on a SQLite file', () => {
  let dir: string;
  let events: SqliteEventStore;
  let audit: SqliteAuditStore;
  const errors: Error[] = [];
  const onError = (error: Error) => errors.push(error);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ml-sealer-thread-'));
    events = SqliteEventStore.open({ path: eventStoreConfigFrom({ DATA_DIR: dir }).sqlitePath });
    audit = SqliteAuditStore.open(events.database, { guardEvents: true });
    errors.length = 0;
  });
  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals while sixteen writers append to the same file, none of them refused for the lock it holds', async () => {
    // Batches of 50: many short seal transactions, each taking the file's write lock between group commits.
    const thread = new SealerThread(eventStoreConfigFrom({ DATA_DIR: dir }), { batchSize: 50, onError });
    await thread.sealAvailable();
    let writing = true;
    const sizesWhileWriting: number[] = [];
    const sealing = (async () => {
      while (writing) sizesWhileWriting.push((await thread.sealAvailable())!.treeSize);
    })();
    await Promise.all(
      Array.from({ length: 16 }, async (_, writer) => {
        for (let revision = 0; revision < 150; revision++) {
          await events.appendToStream(`thing-${writer}`, [thingHappened(revision)], revision === 0 ? 'no_stream' : BigInt(revision - 1));
        }
      }),
    ).finally(() => (writing = false));
    await sealing;

    const state = await thread.sealAvailable();
    await thread.close();
    expect(state).toMatchObject({ treeSize: 2400, sealedPosition: await events.headPosition() });
    expect(state!.frontier.hashes.every((hash) => Buffer.isBuffer(hash))).toBe(true);
    const signed = await new AuditLog(audit, { signer }).checkpoint();
    expect(signed?.checkpoint.rootHash).toEqual(frontierRoot(state!.frontier));
    expect(await verifyLog({ log: events, audit, verifier, readFrom: SQL_LOG_START })).toMatchObject({ ok: true, sealed: 2400, checkpoints: 1 });
    expect(sizesWhileWriting.some((size) => size > 0 && size < 2400)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('lets the seal in flight finish before it closes, and seals nothing after', async () => {
    for (let i = 0; i < 20; i++) await events.appendToStream(`thing-${i}`, [thingHappened(i)], 'no_stream');
    const thread = new SealerThread(eventStoreConfigFrom({ DATA_DIR: dir }), { onError });
    const sealed = thread.sealAvailable();
    await thread.close();
    expect(await sealed).toMatchObject({ treeSize: 20 });
    await expect(thread.sealAvailable()).rejects.toThrow('The sealer thread is closed');
    expect(errors).toEqual([]);
  });

  it('reports a thread that cannot open the log, and refuses the seal that waited on it', async () => {
    // A folder where the SQLite file should be.
    const thread = new SealerThread(eventStoreConfigFrom({ DATA_DIR: dir, SQLITE_PATH: dir }), { onError });
    await expect(thread.sealAvailable()).rejects.toThrow('unable to open database file');
    expect(errors.map((error) => error.message)).toEqual(['unable to open database file']);
    await thread.close();
  });
});

describeWithPostgres('the sealer on a thread of its own, on PostgreSQL', () => {
  const schema = testSchemaName();
  let unlock: () => Promise<void>;
  let events: PostgresEventStore;

  beforeAll(async () => {
    unlock = await lockOpenTransactionTests('shared');
    events = await PostgresEventStore.open({ connectionString: postgresTestUrl, schema });
  });
  afterAll(async () => {
    await events.close();
    await dropTestSchema(schema);
    await unlock();
  });

  it('seals on a pool of its own, the only sealer of the schema while it lives', async () => {
    for (let i = 0; i < 30; i++) await events.appendToStream(`thing-${i}`, [thingHappened(i)], 'no_stream');
    const config = eventStoreConfigFrom({ EVENT_STORE: 'postgres', DATABASE_URL: postgresTestUrl, DATABASE_SCHEMA: schema });
    const [first, second] = [new SealerThread(config), new SealerThread(config)];
    try {
      expect(await first.sealAvailable()).toMatchObject({ treeSize: 30, sealedPosition: await events.headPosition() });
      expect(await second.sealAvailable()).toBeUndefined();
    } finally {
      await first.close();
      await second.close();
    }
  });
});
