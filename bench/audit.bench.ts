import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Pool } from 'pg';
import {
  type AuditableEvent,
  AuditLog,
  AuditSealer,
  type AuditStore,
  eventLeafHash,
  formatVerifierKey,
  parseVerifierKey,
  SealerThread,
  SQL_LOG_START,
  verifyLog,
} from '@mandate-ledger/audit';
import { type EventStore, type EventStoreConfig, eventStoreConfigFrom } from '@mandate-ledger/event-store';
import { PostgresEventStore } from '@mandate-ledger/event-store/postgres/postgres.event-store';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { PostgresAuditStore } from '../libs/audit/src/postgres/postgres.audit-store';
import { SqliteAuditStore } from '../libs/audit/src/sqlite/sqlite.audit-store';
import { benchEvent } from './support/bench-events';
import { type Comparison, printTable, progress, timedRate, optionOf } from './support/measure';
import { fillStore, storeSingleAppends } from './support/store-workload';

interface Options {
  events: number;
  seconds: number;
  pairs: number;
  writers: number;
  adapters: string[];
}

const parse = (args: string[]): Options => {
  const value = (flag: string) => optionOf(args, flag);
  return {
    events: Number(value('--events') ?? 1_000_000),
    seconds: Number(value('--seconds') ?? 3),
    pairs: Number(value('--pairs') ?? 4),
    writers: Number(value('--writers') ?? 16),
    adapters: (value('--adapters') ?? 'sqlite,postgres').split(','),
  };
};

/** What the issue asks of full verification: 1,000,000 events in 60 s. */
const VERIFY_TARGET_RATE = 1_000_000 / 60;
/** How often the benchmark's sealer wakes while writers write: the server's default (AUDIT_SEAL_INTERVAL_MS). */
const SEAL_EVERY_MS = 1000;

const ORIGIN = 'mandate-ledger/bench';
const signer = { name: ORIGIN, privateKey: generateKeyPairSync('ed25519').privateKey };
const verifier = { name: ORIGIN, publicKey: parseVerifierKey(formatVerifierKey({ name: ORIGIN, publicKey: signer.privateKey })).publicKey };

/** One database of an adapter: its event store, its audit store, how the server would name it, and how to close both. */
interface BenchDatabase {
  readonly events: EventStore;
  readonly audit: AuditStore;
  readonly config: EventStoreConfig;
  close(): Promise<void>;
}

/** `npm run bench -- audit [--events 1000000] [--seconds 3] [--pairs 4] [--writers 16] [--adapters sqlite,postgres]` */
export const runAuditBenchmark = async (args: string[]): Promise<void> => {
  const options = parse(args);
  console.log(
    `audit benchmark: leaf hashing, sealing and full verification over ${options.events.toLocaleString('en-US')} events; ` +
      `${options.pairs} pairs of ${options.seconds} s runs of single-event appends by ${options.writers} writers, sealer off and on (its thread, every ${SEAL_EVERY_MS} ms)`,
  );
  const rows: Comparison[] = [await leafHashing(Math.min(options.events, 200_000))];
  const notes: string[] = [];
  if (options.adapters.includes('sqlite')) rows.push(...(await adapterRows('sqlite', sqliteDatabases(), options, notes)));
  if (options.adapters.includes('postgres')) rows.push(...(await adapterRows('postgres', postgresDatabases(), options, notes)));
  printTable('Verifiable history: leaf hashing, sealing, verification, and writes with the sealer running', rows);
  for (const note of notes) console.log(note);
};

/** Leaf hashes (envelope, RFC 8785, SHA-256) beside SHA-256 of plain JSON.stringify, in memory. */
const leafHashing = async (count: number): Promise<Comparison> => {
  const events: AuditableEvent[] = Array.from({ length: count }, (_, i) => ({
    ...benchEvent(i),
    stream: `bench-${i % 100}`,
    revision: BigInt(Math.floor(i / 100)),
    position: BigInt(i + 1),
    recordedAt: new Date(1_500_000_000_000 + i).toISOString(),
  }));
  const raw = await timedRate(count, () => {
    for (const event of events) createHash('sha256').update(JSON.stringify(event, (_, v) => (typeof v === 'bigint' ? String(v) : v))).digest();
  });
  const leaves = await timedRate(count, () => {
    for (const event of events) eventLeafHash(event);
  });
  return { adapter: '-', operation: 'leaf hashing: envelope + RFC 8785 + SHA-256 (raw: JSON.stringify + SHA-256)', unit: 'events/s', store: leaves, raw, target: 0.5 };
};

interface DatabaseFactory {
  open(): Promise<BenchDatabase>;
  dispose(): Promise<void>;
}

const adapterRows = async (adapter: string, databases: DatabaseFactory, options: Options, notes: string[]): Promise<Comparison[]> => {
  try {
    const rows: Comparison[] = [];
    const line = (operation: string, unit: string, store: number, raw: number, target: number) => rows.push({ adapter, operation, unit, store, raw, target });
    const writes = await writesWithAndWithoutSealer(databases, options, adapter, notes);
    const big = await databases.open();
    try {
      await fillStore(big.events, options.events, `${adapter}: filling the log`);
      const sealer = new AuditSealer(big.events, big.audit);
      const sealed = await timedRate(options.events, async () => void (await sealer.sealAvailable()));
      line(`sealing: read, hash, store leaves and nodes (raw: ${options.writers} writers' appends)`, 'events/s', sealed, writes.off, 1);
      await new AuditLog(big.audit, { signer }).checkpoint();
      const seconds = await verificationSeconds(big, adapter, options.events);
      line(`full verification of ${options.events.toLocaleString('en-US')} events (raw: 1,000,000 in 60 s)`, 'events/s', options.events / seconds, VERIFY_TARGET_RATE, 1);
      notes.push(`${adapter}: full verification of ${options.events.toLocaleString('en-US')} events took ${seconds.toFixed(1)} s (target ≤ 60 s for 1,000,000)`);
    } finally {
      await big.close();
    }
    line(`writes, ${options.writers} writers, sealer on (raw: sealer off)`, 'appends/s', writes.on, writes.off, 0.8);
    return rows;
  } finally {
    await databases.dispose();
  }
};

const verificationSeconds = async (db: BenchDatabase, adapter: string, events: number): Promise<number> => {
  const start = performance.now();
  const result = await verifyLog({
    log: db.events,
    audit: db.audit,
    verifier,
    readFrom: SQL_LOG_START,
    onProgress: (done) => progress(`${adapter}: verifying`, done, events),
  });
  if (!result.ok) throw new Error(`verification failed: ${result.failure?.detail}`);
  return (performance.now() - start) / 1000;
};

/**
 * Single-event appends by concurrent writers on one store, as in the server, with and without the
 * server's sealer (its thread, with its own connections) following the log. The machine's rate
 * drifts from run to run (other work shares its disk and two cores): after a warm-up run, runs go
 * in adjacent pairs of both modes, in alternating order, and each pair gives a ratio.
 */
const writesWithAndWithoutSealer = async (databases: DatabaseFactory, options: Options, adapter: string, notes: string[]) => {
  const rates = { on: [] as number[], off: [] as number[] };
  const ratios: number[] = [];
  let lag = 0;
  await appendsPerSecond(databases, Math.min(1, options.seconds), options.writers, false);
  for (let pair = 0; pair < options.pairs; pair++) {
    const order = pair % 2 === 0 ? [false, true] : [true, false];
    const [first, second] = [await appendsPerSecond(databases, options.seconds, options.writers, order[0]), await appendsPerSecond(databases, options.seconds, options.writers, order[1])];
    const [off, on] = order[0] ? [second, first] : [first, second];
    rates.off.push(off.rate);
    rates.on.push(on.rate);
    ratios.push(on.rate / off.rate);
    lag = Math.max(lag, on.lag);
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const list = (values: number[], digits = 0) => values.map((v) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })).join(', ');
  notes.push(
    `${adapter}: appends/s, sealer off: ${list(rates.off)}; on: ${list(rates.on)}; ratio of each pair: ${list(ratios, 2)}; ` +
      `at most ${lag} events left to seal when the writers stopped (sealer every ${SEAL_EVERY_MS} ms; that last seal counts in the time)`,
  );
  return { on: mean(rates.on), off: mean(rates.off) };
};

/**
 * One run on a fresh database. With the sealer on, its thread is started first, as the server's is
 * long before, and the time it then takes to seal what was left counts as writing time: the rate is
 * that of appends sealed, not of appends merely made.
 */
const appendsPerSecond = async (databases: DatabaseFactory, seconds: number, writers: number, sealing: boolean): Promise<{ rate: number; lag: number }> => {
  const db = await databases.open();
  const sealer = sealing ? new SealerThread(db.config) : undefined;
  try {
    await sealer?.sealAvailable();
    const stop = new AbortController();
    const following = (async () => {
      while (sealer && !stop.signal.aborted) {
        await sealer.sealAvailable();
        await delay(SEAL_EVERY_MS, undefined, { signal: stop.signal }).catch(() => undefined);
      }
    })();
    const start = performance.now();
    const rate = await storeSingleAppends(db.events, seconds, writers);
    const appended = rate * ((performance.now() - start) / 1000);
    stop.abort();
    await following;
    // The events left to seal, from the tree's sizes: reading them from the log would add the benchmark's own work to the time.
    const sealedAtStop = sealer ? (await db.audit.sealState()).treeSize : 0;
    const sealed = await sealer?.sealAvailable();
    return { rate: appended / ((performance.now() - start) / 1000), lag: (sealed?.treeSize ?? 0) - sealedAtStop };
  } finally {
    await sealer?.close();
    await db.close();
  }
};

const sqliteDatabases = (): DatabaseFactory => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-bench-audit-'));
  let files = 0;
  return {
    open: async () => {
      const config = eventStoreConfigFrom({ DATA_DIR: dir, SQLITE_PATH: join(dir, `log-${++files}.db`) });
      const events = SqliteEventStore.open({ path: config.sqlitePath });
      const audit = SqliteAuditStore.open(events.database, { guardEvents: true });
      return { events, audit, config, close: () => events.close() };
    },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const postgresDatabases = (): DatabaseFactory => {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const base = `ml_bench_audit_${Math.random().toString(16).slice(2, 10)}`;
  const schemas: string[] = [];
  return {
    open: async () => {
      const schema = `${base}_${schemas.length + 1}`;
      schemas.push(schema);
      const events = await PostgresEventStore.open({ connectionString: url, schema, poolSize: 16 });
      const audit = await PostgresAuditStore.open({ connectionString: url, schema, guardEvents: true });
      return {
        events,
        audit,
        config: eventStoreConfigFrom({ EVENT_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema, DATA_DIR: tmpdir() }),
        close: async () => {
          await audit.close();
          await events.close();
        },
      };
    },
    dispose: async () => {
      const pool = new Pool({ connectionString: url, max: 1 });
      for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
};
