import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { defaultReadStorePath, mandatesBoardProjection, type Projection } from '@mandate-ledger/projections';
import { SqliteReadStore } from '../../libs/projections/src/read-store/sqlite.read-store';
import { Random } from '../../libs/projections/src/testing/random-mandates';
import { spawnTs } from '../support/child-process';
import { expectSameRows } from '../support/read-models';
import { fillMandateLog } from './support/mandate-log';

// A rebuild of the board over 100,000 events by the `projections rebuild --resume true` command in
// a child process, killed with SIGKILL at random moments (seeded) and restarted each time, ends
// with the very rows of a clean rebuild, and with every event applied exactly once.

const SEED = 19_062_017;
const EVENTS = 100_000;
const KILLS = 4;
const board = mandatesBoardProjection as Projection<unknown>;

/** Starts the child; kills it `delayMs` after it started rebuilding. Resolves how it ended. */
const runChild = (dir: string, path: string, env: NodeJS.ProcessEnv, delayMs?: number): Promise<{ killed: boolean; code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    // Commits of 10,000 events: the kills land before, during and after commits.
    const batch = env.BATCH_SIZE === undefined ? [] : ['--batch-size', env.BATCH_SIZE];
    const child: ChildProcessWithoutNullStreams = spawnTs('test/projections/support/rebuild-until-killed.ts', ['rebuild', 'mandates_board', '--resume', 'true', ...batch], {
      DATA_DIR: dir,
      SQLITE_PATH: path,
      ...env,
    });
    let output = '';
    let timer: NodeJS.Timeout | undefined;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (delayMs !== undefined && timer === undefined && output.includes('rebuilding mandates_board')) {
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code, output });
    });
  });

describe('a projector killed with SIGKILL during a rebuild', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-projector-crash-'));
  const path = join(dir, 'ledger.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ends, after restarts, with the rows of a clean rebuild, every event applied exactly once', async () => {
    const store = SqliteEventStore.open({ path });
    const referencePath = join(dir, 'reference.db');
    try {
      const log = await fillMandateLog(store, { seed: SEED, events: EVENTS, mandates: EVENTS / 10 });
      expect(log.events).toBeGreaterThanOrEqual(EVENTS);
      // The clean rebuild runs in another process meanwhile, into a file of its own.
      const clean = runChild(dir, path, { READ_STORE_SQLITE_PATH: referencePath });

      const random = new Random(SEED);
      const kills: number[] = [];
      while (kills.length < KILLS) {
        const delay = random.int(100, 1200);
        const run = await runChild(dir, path, { BATCH_SIZE: '10000' }, delay);
        if (!run.killed) {
          // It finished before the kill: nothing left to interrupt.
          expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
          break;
        }
        kills.push(delay);
      }
      const last = await runChild(dir, path, { BATCH_SIZE: '10000' });
      expect({ code: last.code, output: last.output }).toMatchObject({ code: 0 });
      expect(kills.length).toBeGreaterThan(0);

      expect(await clean).toMatchObject({ code: 0 });

      // The CLI's default: the read models in their own file beside the log.
      const live = SqliteReadStore.open({ path: defaultReadStorePath(path) });
      const reference = SqliteReadStore.open({ path: referencePath });
      try {
        const generation = (await live.activeGeneration(board.name))!;
        // Every restart resumed the same build: the events it counts are the log's, none twice.
        expect(generation).toMatchObject({ state: 'live', checkpoint: await store.headPosition(), eventsProcessed: log.events });
        await expectSameRows(live, reference, board);
      } finally {
        await live.close();
        await reference.close();
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
