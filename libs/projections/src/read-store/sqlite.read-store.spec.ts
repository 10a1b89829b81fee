import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Projection } from '../projection';
import { SqliteReadStore } from './sqlite.read-store';

// The SQLite lease on a generation, which stands in for PostgreSQL's advisory lock: held while
// renewed, taken over once expired, and a writer that lost it commits nothing. Time is jest's fake
// clock (Date and timers), so an expiry takes no real waiting.

const projection: Projection<{ n: number }> = {
  name: 'lease_counts',
  version: 1,
  history: 'current',
  keysOf: () => [],
  evolve: (row) => row,
  columns: { n: 'integer' },
  columnsOf: (row) => ({ n: row.n }),
};
const LEASE_MS = 1000;

describe('sqlite read store: one writer per generation across processes', () => {
  let dir: string;
  let path: string;
  const opened: SqliteReadStore[] = [];
  const open = () => {
    const store = SqliteReadStore.open({ path, leaseMs: LEASE_MS });
    opened.push(store);
    return store;
  };
  const batch = (generation: { name: string; generation: number }, expectedCheckpoint: bigint | undefined, checkpoint: bigint) => ({
    generation,
    expectedCheckpoint,
    checkpoint,
    events: Number(checkpoint - (expectedCheckpoint ?? 0n)),
    tables: new Map(),
    activate: false,
  });

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    dir = mkdtempSync(join(tmpdir(), 'ml-lease-'));
    path = join(dir, 'read-models.db');
  });
  afterEach(async () => {
    jest.useRealTimers();
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the generation while its writer waits for events, renewing the lease', async () => {
    const [mine, theirs] = [open(), open()];
    const generation = await mine.createGeneration(projection as Projection<unknown>);
    const writer = (await mine.openWriter(projection as Projection<unknown>, generation))!;
    jest.advanceTimersByTime(LEASE_MS * 5);
    expect(await theirs.openWriter(projection as Projection<unknown>, generation)).toBeUndefined();
    expect(await writer.commit(batch(generation, undefined, 1n))).toEqual({ committed: true });
    await writer.close();
  });

  it('lets another process take over a generation whose writer stopped renewing, and refuses the stopped writer anything after', async () => {
    const [dying, survivor] = [open(), open()];
    const generation = await dying.createGeneration(projection as Projection<unknown>);
    const stalled = (await dying.openWriter(projection as Projection<unknown>, generation))!;
    const committedAt = Date.now();
    expect(await stalled.commit(batch(generation, undefined, 1n))).toEqual({ committed: true });
    // The clock moves without running the stalled writer's timers, as in a process that hung or died:
    // its lease ends where its last commit left it.
    jest.setSystemTime(committedAt + LEASE_MS - 1);
    expect(await survivor.openWriter(projection as Projection<unknown>, generation)).toBeUndefined();
    jest.setSystemTime(committedAt + LEASE_MS + 1);
    const successor = (await survivor.openWriter(projection as Projection<unknown>, generation))!;
    expect(successor).toBeDefined();

    expect(await stalled.commit(batch(generation, 1n, 2n))).toMatchObject({ committed: false, reason: 'writer_replaced' });
    const failure = { message: 'ProjectionError: late', position: 2n, eventType: 'Late', at: new Date().toISOString() };
    expect(await stalled.commit({ ...batch(generation, 1n, 1n), failure })).toMatchObject({ committed: false, reason: 'writer_replaced' });
    expect(await successor.commit(batch(generation, 1n, 2n))).toEqual({ committed: true });
    expect((await survivor.generations(projection.name))[0]).toMatchObject({ state: 'building', checkpoint: 2n, lastError: undefined });

    // Closing the stalled writer releases nothing of the successor's.
    await stalled.close();
    expect(await dying.openWriter(projection as Projection<unknown>, generation)).toBeUndefined();
    await successor.close();
  });
});
