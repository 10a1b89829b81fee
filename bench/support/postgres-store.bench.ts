import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { EventToAppend } from '@mandate-ledger/event-store';
import { PostgresEventStore } from '@mandate-ledger/event-store/postgres/postgres.event-store';
import { benchEvent, benchStream } from './bench-events';
import { type Comparison, progress, ratePerSecond, timedRate } from './measure';
import { fillStore, storeBatchAppends, storeReadAll, storeSingleAppends } from './store-workload';

interface Options {
  seconds: number;
  events: number;
  writers: number;
}

const url = (): string => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The baseline: the same rows inserted with plain `pg` into a table with the same columns and
 * unique indexes, positions from a sequence, none of the store's checks.
 */
const rawTable = async (pool: Pool, schema: string, table: string): Promise<string> => {
  const name = `"${schema}"."${table}"`;
  await pool.query(`CREATE TABLE ${name} (
    position bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, stream text NOT NULL, revision bigint NOT NULL,
    type text NOT NULL, schema_version int NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream, revision))`);
  return name;
};

const rawInsert = (pool: Pool, table: string, stream: string, firstRevision: number, events: EventToAppend[]) =>
  pool.query(
    `INSERT INTO ${table} (id, stream, revision, type, schema_version, data, metadata)
     SELECT e.id, $1, $2::bigint + e.n - 1, e.type, e.schema_version, e.data, e.metadata
     FROM unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[]) WITH ORDINALITY AS e(id, type, schema_version, data, metadata, n)`,
    [
      stream,
      firstRevision,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
    ],
  );

/** One row, plain parameters: the fastest way `pg` inserts a single event. */
const rawInsertOne = (pool: Pool, table: string, stream: string, revision: number, event: EventToAppend) =>
  pool.query(`INSERT INTO ${table} (id, stream, revision, type, schema_version, data, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    event.id,
    stream,
    revision,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
  ]);

const rawSingleLoops = async (pool: Pool, table: string, seconds: number, writers: number): Promise<number> => {
  const rates = await Promise.all(
    Array.from({ length: writers }, () => {
      const stream = benchStream();
      let next = 0;
      return ratePerSecond(seconds, async () => {
        await rawInsertOne(pool, table, stream, next, benchEvent(next));
        next++;
        return 1;
      });
    }),
  );
  return rates.reduce((a, b) => a + b, 0);
};

export const postgresStoreComparisons = async ({ seconds, events, writers }: Options): Promise<Comparison[]> => {
  const schema = `ml_bench_${randomUUID().slice(0, 8)}`;
  const admin = new Pool({ connectionString: url(), max: writers });
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const rows: Comparison[] = [];
  const line = (operation: string, unit: string, storeRate: number, rawRate: number) =>
    rows.push({ adapter: 'postgres', operation, unit, store: storeRate, raw: rawRate, target: 0.7 });
  try {
    const store = await PostgresEventStore.open({ connectionString: url(), schema, poolSize: writers });
    const raw = await rawTable(admin, schema, 'raw_events');

    line('single-event append, 1 writer', 'appends/s', await storeSingleAppends(store, seconds), await rawSingleLoops(admin, raw, seconds, 1));
    line(
      `single-event append, ${writers} writers`,
      'appends/s',
      await storeSingleAppends(store, seconds, writers),
      await rawSingleLoops(admin, raw, seconds, writers),
    );

    const batchStream = benchStream();
    let batchNext = 0;
    const rawBatch = await ratePerSecond(seconds, async () => {
      await rawInsert(admin, raw, batchStream, batchNext, Array.from({ length: 100 }, (_, i) => benchEvent(batchNext + i)));
      batchNext += 100;
      return 100;
    });
    line('append of 100 events', 'events/s', await storeBatchAppends(store, seconds, 100), rawBatch);
    await store.close();

    // The read test gets its own schema so the log holds exactly `events` events.
    const readSchema = `${schema}_read`;
    await admin.query(`CREATE SCHEMA "${readSchema}"`);
    const readStore = await PostgresEventStore.open({ connectionString: url(), schema: readSchema, poolSize: 4 });
    const readRaw = await rawTable(admin, readSchema, 'raw_events');
    await fillStore(readStore, events, 'postgres: filling the store');
    for (let done = 0; done < events; ) {
      const stream = benchStream();
      for (let revision = 0; revision < 10_000 && done < events; revision += 1000, done += 1000) {
        await rawInsert(admin, readRaw, stream, revision, Array.from({ length: 1000 }, (_, i) => benchEvent(done + i)));
      }
      progress('postgres: filling the raw table', done, events);
    }
    await admin.query(`VACUUM ANALYZE ${readRaw}`);
    await admin.query(`VACUUM ANALYZE "${readSchema}".events`);

    const rawRead = await timedRate(events, async () => {
      let read = 0;
      for (let after = '0'; ; ) {
        const { rows: batch } = await admin.query(
          `SELECT position, id, stream, revision, type, schema_version, data, metadata, recorded_at
           FROM ${readRaw} WHERE position > $1 ORDER BY position LIMIT 1000`,
          [after],
        );
        if (batch.length === 0) break;
        read += batch.length;
        after = batch[batch.length - 1].position;
      }
      if (read !== events) throw new Error(`raw read ${read} of ${events}`);
    });
    line(`global log read, ${events.toLocaleString('en-US')} events`, 'events/s', await storeReadAll(readStore, events), rawRead);
    await readStore.close();
    await admin.query(`DROP SCHEMA "${readSchema}" CASCADE`);
    return rows;
  } finally {
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  }
};
