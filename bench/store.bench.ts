import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { benchEvent, benchStream } from './support/bench-events';
import { type Comparison, printTable, progress, ratePerSecond, timedRate, optionOf } from './support/measure';
import { openRawSqlite } from './support/sqlite-raw';
import { fillStore, storeBatchAppends, storeReadAll, storeSingleAppends } from './support/store-workload';
import { postgresStoreComparisons } from './support/postgres-store.bench';

interface Options {
  seconds: number;
  events: number;
  writers: number;
  adapters: string[];
}

const parse = (args: string[]): Options => {
  const value = (flag: string) => optionOf(args, flag);
  return {
    seconds: Number(value('--seconds') ?? 3),
    events: Number(value('--events') ?? 1_000_000),
    writers: Number(value('--writers') ?? 16),
    adapters: (value('--adapters') ?? 'sqlite,postgres').split(','),
  };
};

/** `npm run bench -- store [--seconds 3] [--events 1000000] [--writers 16] [--adapters sqlite,postgres]` */
export const runStoreBenchmark = async (args: string[]): Promise<void> => {
  const options = parse(args);
  console.log(
    `store benchmark: ${options.seconds} s per write line, ${options.writers} concurrent writers, ` +
      `global read over ${options.events.toLocaleString('en-US')} events`,
  );
  const rows: Comparison[] = [];
  if (options.adapters.includes('sqlite')) rows.push(...(await sqliteComparisons(options)));
  if (options.adapters.includes('postgres')) rows.push(...(await postgresStoreComparisons(options)));
  printTable('Event store versus raw driver, same rows, same run', rows);
};

const sqliteComparisons = async ({ seconds, events, writers }: Options): Promise<Comparison[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-bench-sqlite-'));
  try {
    const store = SqliteEventStore.open({ path: join(dir, 'store.db') });
    const raw = openRawSqlite(join(dir, 'raw.db'));
    const rows: Comparison[] = [];
    const line = (operation: string, unit: string, storeRate: number, rawRate: number, target = 0.7) =>
      rows.push({ adapter: 'sqlite', operation, unit, store: storeRate, raw: rawRate, target });

    const rawStream = benchStream();
    let rawNext = 0;
    const rawSingle = await ratePerSecond(seconds, () => {
      raw.appendOne(rawStream, rawNext, benchEvent(rawNext));
      rawNext++;
      return 1;
    });
    line('single-event append, 1 writer', 'appends/s', await storeSingleAppends(store, seconds), rawSingle);

    const storeConcurrent = await sqliteWorkers(join(dir, 'store.db'), 'store', writers, seconds);
    const rawConcurrent = await sqliteWorkers(join(dir, 'raw.db'), 'raw', writers, seconds);
    line(`single-event append, ${writers} writers`, 'appends/s', storeConcurrent, rawConcurrent);

    const batchStream = benchStream();
    let batchNext = 0;
    const rawBatch = await ratePerSecond(seconds, () => {
      raw.appendBatch(batchStream, batchNext, Array.from({ length: 100 }, (_, i) => benchEvent(batchNext + i)));
      batchNext += 100;
      return 100;
    });
    line('append of 100 events', 'events/s', await storeBatchAppends(store, seconds, 100), rawBatch);
    await store.close();
    raw.close();

    const readStore = SqliteEventStore.open({ path: join(dir, 'read-store.db') });
    const readRaw = openRawSqlite(join(dir, 'read-raw.db'));
    await fillStore(readStore, events, 'sqlite: filling the store');
    fillRaw(readRaw, events);
    const rawRead = await timedRate(events, () => {
      let read = 0;
      for (let after = 0, rows = readRaw.readBatch(after, 1000); rows.length > 0; rows = readRaw.readBatch(after, 1000)) {
        read += rows.length;
        after = rows[rows.length - 1].position;
      }
      if (read !== events) throw new Error(`raw read ${read} of ${events}`);
    });
    line(`global log read, ${events.toLocaleString('en-US')} events`, 'events/s', await storeReadAll(readStore, events), rawRead);
    await readStore.close();
    readRaw.close();
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const fillRaw = (raw: ReturnType<typeof openRawSqlite>, total: number): void => {
  for (let done = 0; done < total; ) {
    const stream = benchStream();
    for (let revision = 0; revision < 10_000 && done < total; revision += 1000, done += 1000) {
      raw.appendBatch(stream, revision, Array.from({ length: 1000 }, (_, i) => benchEvent(done + i)));
    }
    progress('sqlite: filling the raw table', done, total);
  }
};

/** Concurrent SQLite writers are threads with their own connections: one process cannot write in parallel on one. */
const sqliteWorkers = async (path: string, mode: 'store' | 'raw', writers: number, seconds: number): Promise<number> => {
  const workers = Array.from(
    { length: writers },
    () =>
      new Worker(join(__dirname, 'support', 'sqlite-writer.worker.ts'), {
        workerData: { path, mode, seconds },
        execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      }),
  );
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const start = performance.now();
  const counts = await Promise.all(
    workers.map(
      (w) =>
        new Promise<number>((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.postMessage('go');
        }),
    ),
  );
  const elapsed = (performance.now() - start) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  return counts.reduce((a, b) => a + b, 0) / elapsed;
};
