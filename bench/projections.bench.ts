import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { addDays, mandateDecider, type MandateState, mandateStreamName, MISSION_TYPES } from '@mandate-ledger/domain';
import { eventStoreConfigFrom, uuidv7 } from '@mandate-ledger/event-store';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import {
  defaultReadStorePath,
  mandatesBoardProjection,
  type MandatesBoardFilters,
  type Projection,
  ProjectionRuntime,
  ProjectorThread,
  queryMandatesBoard,
  readStoreConfigFrom,
  rebuildProjection,
} from '@mandate-ledger/projections';
import { allTables, tableNamesOf } from '../libs/projections/src/read-store/sql-schema';
import { SqliteReadStore } from '../libs/projections/src/read-store/sqlite.read-store';
import { FRANCE_POOL, Random, randomCommand } from '../libs/projections/src/testing/random-mandates';
import { fillMandateLog } from '../test/projections/support/mandate-log';
import { readAndFoldSeconds, readWholeLog, sqliteWriteSeconds } from './support/board-floor';
import { type Comparison, printTable, progress, optionOf } from './support/measure';

interface Options {
  events: number;
  mandates: number;
  queries: number;
  seconds: number;
  rate: number;
}

const parse = (args: string[]): Options => {
  const value = (flag: string) => optionOf(args, flag);
  const events = Number(value('--events') ?? 1_000_000);
  return {
    events,
    mandates: Number(value('--mandates') ?? Math.max(1, Math.round(events / 10))),
    queries: Number(value('--queries') ?? 1000),
    seconds: Number(value('--seconds') ?? 10),
    rate: Number(value('--rate') ?? 500),
  };
};

interface Latency {
  readonly operation: string;
  readonly samples: number[];
  readonly target?: { readonly percentile: 'p50' | 'p99'; readonly ms: number };
}

const percentile = (samples: readonly number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

/** Latencies in the layout of `printTable`: the target and whether it is met. */
const printLatencies = (title: string, rows: readonly Latency[]): void => {
  const lines = rows.map((r) => {
    const [p50, p99] = [percentile(r.samples, 50), percentile(r.samples, 99)];
    const verdict = r.target ? `${(r.target.percentile === 'p50' ? p50 : p99) < r.target.ms ? 'ok' : 'ABOVE'} (${r.target.percentile} < ${r.target.ms} ms)` : '-';
    return [r.operation, String(r.samples.length), `${p50.toFixed(2)} ms`, `${p99.toFixed(2)} ms`, verdict];
  });
  const header = ['operation', 'samples', 'p50', 'p99', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(row(line));
};

const board = mandatesBoardProjection as Projection<unknown>;

/**
 * `npm run bench -- projections [--events 1000000] [--mandates N] [--queries 1000] [--seconds 10] [--rate 500]`:
 * the board's rebuild rate beside the raw global-log read rate, board query latencies, and the lag
 * from append to visible under a steady append rate. SQLite, as the embedded default lays it out:
 * the log in one file, the read models in another beside it.
 */
export const runProjectionsBenchmark = async (args: string[]): Promise<void> => {
  const options = parse(args);
  console.log(
    `projections benchmark: SQLite, ${options.events.toLocaleString('en-US')} events over ${options.mandates.toLocaleString('en-US')} mandates, ` +
      `${options.queries} queries per kind, ${options.seconds} s at ${options.rate} appends/s`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ml-bench-projections-'));
  const path = join(dir, 'ledger.db');
  const store = SqliteEventStore.open({ path });
  try {
    const log = await fillMandateLog(store, {
      seed: 2017,
      events: options.events,
      mandates: options.mandates,
      territories: FRANCE_POOL,
      onProgress: (done) => progress('filling the log', done, options.events),
    });
    progress('filling the log', options.events, options.events);

    // Raw: the global log read through the EventStore port, in the projector's batches. Best of two (warm cache).
    const readLog = async () => {
      const start = performance.now();
      const read = await readWholeLog(store);
      return read / ((performance.now() - start) / 1000);
    };
    const raw = Math.max(await readLog(), await readLog());

    const readStorePath = defaultReadStorePath(path);
    const readStore = SqliteReadStore.open({ path: readStorePath });
    let applied = 0;
    const start = performance.now();
    const { outcome, generation } = await rebuildProjection(store, readStore, board, {
      onCommit: ({ events }) => progress('rebuilding the board', (applied += events), log.events),
    });
    const rebuild = log.events / ((performance.now() - start) / 1000);
    if (outcome !== 'caught_up') throw new Error(`rebuild ended ${outcome}`);
    const rows: Comparison[] = [
      { adapter: 'sqlite', operation: `board rebuild, ${log.events.toLocaleString('en-US')} events`, unit: 'events/s', store: rebuild, raw, target: 0.5 },
    ];
    printTable('Board rebuild versus the raw global-log read (readAll through the port), same run', rows);
    // The fill and the rebuild leave write-ahead logs of gigabytes; a server would have folded them back long before steady traffic.
    const settling = performance.now();
    store.database.pragma('wal_checkpoint(TRUNCATE)');
    // The last connection to the read models' file folds its write-ahead log back as it closes.
    await readStore.close();
    console.log(`\n(write-ahead logs checkpointed after the rebuild in ${((performance.now() - settling) / 1000).toFixed(1)} s)`);
    // Timed once the gigabytes the rebuild wrote are on disk (so that writing them back does not slow
    // these down), best of two: the bounds are what the machine can do at its best.
    execFileSync('sync');
    const tables = allTables(tableNamesOf(board, generation.generation));
    const write = () => sqliteWriteSeconds(readStorePath, tables, join(dir, 'write-floor.db'));
    printRebuildBounds(log.events / raw, Math.min(await readAndFoldSeconds(store), await readAndFoldSeconds(store)), Math.min(write(), write()));

    // Queries and lag as a server would see them after the rebuild: a thread of its own (its own
    // heap and connections), not this one, which still holds the filler's and the rebuild's garbage.
    const latencies = await new Promise<Latency[]>((resolve, reject) => {
      const worker = new Worker(__filename, {
        workerData: { projectionsBenchWorker: true, path, options, mandates: log.mandates, mandateIds: log.mandateIds.slice(0, 2000) },
        execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    printLatencies(`Board queries (${log.mandates.toLocaleString('en-US')} mandates) and append-to-visible lag`, latencies);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * What any rebuild of the board must do, timed in the same run: read the log (`read`), fold each
 * mandate with the decider (`readAndFold` includes the read), and have SQLite write the rows and
 * indexes the rebuild produced (`write`). On one thread those add up; on two, at best, the longer
 * of the two halves sets the pace.
 */
const printRebuildBounds = (read: number, readAndFold: number, write: number): void => {
  const s = (n: number) => `${n.toFixed(1)} s`;
  console.log(`
What any rebuild of this board must do, timed in the same run: read the log ${s(read)}; read it and fold
every mandate with the decider, in memory ${s(readAndFold)}; SQLite writing the rebuilt board's rows and
building its indexes in its own code (INSERT … SELECT into a fresh file, CREATE INDEX) ${s(write)}.
A rebuild on one thread cannot exceed ${s(read)} / (${s(readAndFold)} + ${s(write)}) = ${(read / (readAndFold + write)).toFixed(2)} of the raw read;
one writing on a second thread while the first reads and folds, with nothing lost between them, ${s(read)} / ${s(Math.max(readAndFold, write))} = ${(read / Math.max(readAndFold, write)).toFixed(2)}.`);
};

const WARM_UP_QUERIES = 30;

/** Each query kind `queries` times with random dates and filters; the officer's queries are the board's target. */
const queryLatencies = async (readStore: SqliteReadStore, options: Options, mandates: number): Promise<Latency[]> => {
  const random = new Random(7);
  const on = () => addDays('2017-01-01', random.int(0, 900));
  const DEPARTEMENTS = Object.keys(FRANCE_POOL);
  const ALL_COMMUNES = Object.values(FRANCE_POOL).flat();
  const page = { page: 1, pageSize: 50 };
  const kinds: { operation: string; filters: () => MandatesBoardFilters; target?: Latency['target'] }[] = [
    {
      operation: "officer's board: its département, active on a date",
      filters: () => ({ ...page, on: on(), status: 'active', withinDepartements: [random.pick(DEPARTEMENTS)] }),
      target: { percentile: 'p99', ms: 10 },
    },
    {
      operation: "officer's board: mission type and commune on a date",
      filters: () => ({ ...page, on: on(), missionType: random.pick(MISSION_TYPES), commune: random.pick(ALL_COMMUNES), withinDepartements: [random.pick(DEPARTEMENTS)] }),
      target: { percentile: 'p99', ms: 10 },
    },
    {
      operation: "officer's board: expiring within 30 days",
      filters: () => ({ ...page, on: on(), expiringWithinDays: 30, withinDepartements: [random.pick(DEPARTEMENTS)] }),
      target: { percentile: 'p99', ms: 10 },
    },
    { operation: 'whole board, status on a date (admin)', filters: () => ({ ...page, on: on(), status: random.pick(['active', 'expired', 'pending'] as const) }) },
    {
      operation: 'board as known at an instant (auditor)',
      filters: () => ({ ...page, on: on(), departement: random.pick(DEPARTEMENTS), asKnownAt: new Date(Date.now() - random.int(0, 3_600_000)).toISOString() }),
    },
  ];
  const results: Latency[] = [];
  for (const kind of kinds) {
    // Not counted: the first queries of a fresh process fault the file's pages into its memory map
    // and run before the JIT has compiled the query path; a server answers officers long after that.
    for (let i = 0; i < WARM_UP_QUERIES; i++) await queryMandatesBoard(readStore, kind.filters());
    const samples: number[] = [];
    for (let i = 0; i < options.queries; i++) {
      const filters = kind.filters();
      const start = performance.now();
      const page = await queryMandatesBoard(readStore, filters);
      samples.push(performance.now() - start);
      if (!page) throw new Error('the board is not live');
    }
    results.push({ operation: kind.operation, samples, target: kind.target });
  }
  console.log(`\n(each query kind run ${WARM_UP_QUERIES} times first, not counted: a warm-up as a running server has had)`);
  if (mandates < 100_000) console.log(`\n(board queries over ${mandates.toLocaleString('en-US')} mandates; the target is stated for 100,000)`);
  return results;
};

/**
 * Appends decisions at a steady rate while the board's projector follows the log on a thread of its
 * own, told of each append (as in the API), and times each from the start of its append to the
 * moment this thread's runtime, woken by the projector thread's commits, sees the board has applied it.
 */
const appendToVisibleLag = async (store: SqliteEventStore, readStore: SqliteReadStore, options: Options, mandateIds: readonly string[], path: string): Promise<Latency> => {
  const runtime = new ProjectionRuntime(store, readStore, [board]);
  const events = eventStoreConfigFrom({ DATA_DIR: dirname(path), SQLITE_PATH: path });
  const thread = new ProjectorThread(events, readStoreConfigFrom({}, events), {
    projections: [board.name],
    onCommit: () => runtime.committedElsewhere(),
    logger: { log: () => undefined, error: (message) => console.error(message) },
  });
  const stopTelling = store.onAppended(() => thread.appended());
  await thread.start();
  const random = new Random(11);
  const states = new Map<string, { state: MandateState; revision: bigint }>();
  for (const id of mandateIds.slice(0, 2000)) {
    const events = await store.readStream(mandateStreamName(id));
    if (events.length > 0) states.set(id, { state: events.reduce((s, e) => mandateDecider.evolve(s, e as never), mandateDecider.initialState()), revision: events.at(-1)!.revision });
  }
  const ids = [...states.keys()];
  const samples: number[] = [];
  const waits: Promise<void>[] = [];
  const total = options.seconds * options.rate;
  const interval = 1000 / options.rate;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    // A decision the decider accepts, as an officer's would be.
    let id = '';
    let events: ReturnType<typeof mandateDecider.decide> = [];
    for (let attempt = 0; events.length === 0 && attempt < 100; attempt++) {
      id = random.pick(ids);
      const { state } = states.get(id)!;
      if (state.status === 'not_granted') continue;
      try {
        events = mandateDecider.decide(randomCommand(random, id, state, FRANCE_POOL), state);
      } catch {
        events = [];
      }
    }
    if (events.length === 0) continue;
    const entry = states.get(id)!;
    const appendedAt = performance.now();
    const result = await store.appendToStream(
      mandateStreamName(id),
      events.map((e) => ({ id: uuidv7(), type: e.type, schemaVersion: e.schemaVersion, data: e.data as never, metadata: { actor: { sub: 'bench', role: 'admin' }, correlationId: 'bench' } })),
      entry.revision,
    );
    entry.revision = result.revision;
    for (const event of events) entry.state = mandateDecider.evolve(entry.state, event);
    waits.push(
      runtime.waitForPosition(board.name, result.position, 10_000).then((reached) => {
        if (!reached) throw new Error(`position ${result.position} not visible after 10 s`);
        samples.push(performance.now() - appendedAt);
      }),
    );
    if (i % options.rate === 0) progress('appending at a steady rate', i, total);
  }
  await Promise.all(waits);
  progress('appending at a steady rate', total, total);
  stopTelling();
  await thread.stop();
  await runtime.stop();
  const achieved = samples.length / ((performance.now() - started) / 1000);
  return { operation: `append to visible on the board, ~${Math.round(achieved)} appends/s`, samples, target: { percentile: 'p99', ms: 100 } };
};

/** The worker's part: opens the files afresh, measures, posts the latencies back. */
const runWorker = async (): Promise<void> => {
  const { path, options, mandates, mandateIds } = workerData as { path: string; options: Options; mandates: number; mandateIds: string[] };
  const store = SqliteEventStore.open({ path });
  const readStore = SqliteReadStore.open({ path: defaultReadStorePath(path) });
  try {
    const latencies = await queryLatencies(readStore, options, mandates);
    latencies.push(await appendToVisibleLag(store, readStore, options, mandateIds, path));
    parentPort!.postMessage(latencies);
  } finally {
    await readStore.close();
    await store.close();
  }
};

if (!isMainThread && (workerData as { projectionsBenchWorker?: boolean } | null)?.projectionsBenchWorker) {
  runWorker().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
