import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Projection,
  ProjectionError,
  ProjectionRuntime,
  projectionStatuses,
  Projector,
  rebuildProjection,
  sql,
  identifier,
} from '@mandate-ledger/projections';
import type { StoredEvent } from '@mandate-ledger/event-store';
import { SqliteReadStore } from '../../libs/projections/src/read-store/sqlite.read-store';
import { FixedLog } from '../../libs/projections/src/testing/fixed-log';
import { storedEvents } from '../../libs/projections/src/testing/projection-specification';

// The runtime around projections: versions rebuilt beside the live generation, live following,
// failures recorded and never skipped.

interface Counter {
  readonly count: number;
}

/** Counts events per stream; version 2 counts them twice (a change of meaning that needs a rebuild). */
const counter = (version: number, options: { failOn?: string } = {}): Projection<Counter> => ({
  name: 'counter',
  version,
  history: 'current',
  keysOf: (event) => [event.stream],
  evolve: (row, event) => {
    if (event.type === options.failOn) throw new ProjectionError(`cannot count ${event.type}`);
    return { count: (row?.count ?? 0) + version };
  },
  columns: { count: 'integer' },
  columnsOf: (row) => ({ count: row.count }),
});

const tick = (i: number) => ({ stream: `thing-${i % 3}`, type: 'Ticked', data: { i } });

describe('the projection runtime', () => {
  let dir: string;
  let store: SqliteReadStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ml-runtime-'));
    store = SqliteReadStore.open({ path: join(dir, 'read.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const counts = async (projection: Projection<unknown>) =>
    (await store.read<{ key: string; count: number }>(projection, (t) => [sql`SELECT key, count FROM ${identifier(t.main)} ORDER BY key`.query]))?.[0];

  it('rebuilds a new version beside the live one: queries read the old one until the new one has caught up', async () => {
    const log = new FixedLog(storedEvents(Array.from({ length: 30 }, (_, i) => tick(i))));
    const v1 = counter(1) as Projection<unknown>;
    await rebuildProjection(log, store, v1);
    expect(await counts(v1)).toEqual([
      { key: 'thing-0', count: 10 },
      { key: 'thing-1', count: 10 },
      { key: 'thing-2', count: 10 },
    ]);

    const v2 = counter(2) as Projection<unknown>;
    const generation = await store.createGeneration(v2);
    const seenWhileBuilding: unknown[] = [];
    const outcome = await new Projector(log, store, v2, generation, {
      batchSize: 7,
      stopWhenCaughtUp: true,
      onCommit: async ({ active }) => {
        if (!active) seenWhileBuilding.push(await counts(v2));
      },
    }).run();
    expect(outcome).toBe('caught_up');
    // Four batches of 7 before the last: each time, queries still read version 1, whole.
    expect(seenWhileBuilding.length).toBeGreaterThanOrEqual(4);
    await new Promise((resolve) => setImmediate(resolve));
    for (const seen of seenWhileBuilding) expect(seen).toEqual([expect.objectContaining({ count: 10 }), expect.objectContaining({ count: 10 }), expect.objectContaining({ count: 10 })]);
    expect(await counts(v2)).toEqual([
      { key: 'thing-0', count: 20 },
      { key: 'thing-1', count: 20 },
      { key: 'thing-2', count: 20 },
    ]);
    const generations = await store.generations('counter');
    expect(generations.map((g) => [g.version, g.state, g.active])).toEqual([
      [1, 'retired', false],
      [2, 'live', true],
    ]);
  });

  it('builds the code’s version on start when the store has another, then follows live appends', async () => {
    const log = new FixedLog(storedEvents(Array.from({ length: 9 }, (_, i) => tick(i))));
    await rebuildProjection(log, store, counter(1) as Projection<unknown>);
    const runtime = new ProjectionRuntime(log, store, [counter(2) as Projection<unknown>], { replanIntervalMs: 20 });
    runtime.start();
    try {
      // Version 1 stays live (at 9) until version 2 has caught up; nobody updates it meanwhile.
      log.push(...storedEvents([tick(0), tick(0)], 10));
      expect(await runtime.waitForPosition('counter', 11n, 5000)).toBe(true);
      expect((await store.activeGeneration('counter'))?.version).toBe(2);
      expect(await counts(counter(2) as Projection<unknown>)).toEqual([
        { key: 'thing-0', count: 10 },
        { key: 'thing-1', count: 6 },
        { key: 'thing-2', count: 6 },
      ]);
    } finally {
      await runtime.stop();
    }
    // Stopped after its batch: the live generation is exactly where the log was.
    expect((await store.activeGeneration('counter'))?.checkpoint).toBe(11n);
  });

  it('leaves a newer version alone: a process of an older release neither updates it nor builds its own beside it', async () => {
    const log = new FixedLog(storedEvents(Array.from({ length: 9 }, (_, i) => tick(i))));
    await rebuildProjection(log, store, counter(2) as Projection<unknown>);
    log.push(...storedEvents([tick(0)], 10));
    let planned: () => void = () => undefined;
    const leftAlone = new Promise<void>((resolve) => (planned = resolve));
    const logger = { log: (m: string) => m.includes('newer than this process') && planned(), error: () => undefined };
    const runtime = new ProjectionRuntime(log, store, [counter(1) as Projection<unknown>], { replanIntervalMs: 10, logger });
    runtime.start();
    try {
      await leftAlone;
    } finally {
      await runtime.stop();
    }
    const generations = await store.generations('counter');
    expect(generations.map((g) => [g.version, g.state, g.active, g.checkpoint])).toEqual([[2, 'live', true, 9n]]);
  });

  it('stops a projection on an event it cannot apply, records it for status, and never skips it', async () => {
    const log = new FixedLog(storedEvents([tick(0), tick(1), { stream: 'thing-0', type: 'Exploded', data: {} }, tick(2)]));
    const projection = counter(1, { failOn: 'Exploded' }) as Projection<unknown>;
    const errors: string[] = [];
    const runtime = new ProjectionRuntime(log, store, [projection], { replanIntervalMs: 10, logger: { log: () => undefined, error: (m) => errors.push(m) } });
    runtime.start();
    try {
      expect(await runtime.waitForPosition('counter', 4n, 300)).toBe(false);
    } finally {
      await runtime.stop();
    }
    const [status] = await projectionStatuses(log, store, [projection], { lagCountLimit: 100 });
    expect(status).toMatchObject({
      name: 'counter',
      state: 'failed',
      building: {
        position: 2n,
        behindPositions: 2n,
        lagEvents: 2,
        lastError: { message: 'ProjectionError: cannot count Exploded', position: 3n, eventType: 'Exploded' },
      },
    });
    expect(errors).toEqual([expect.stringContaining('stopped on an event it cannot apply')]);
    // Retried only by a new start (after a fix): it fails again at the same event, never past it.
    expect(await new Projector(log, store, projection, { name: 'counter', generation: 1 }, { stopWhenCaughtUp: true }).run()).toBe('failed');
    expect((await store.generations('counter'))[0]).toMatchObject({ checkpoint: 2n, eventsProcessed: 2 });
  });
});

describe('projections and the shapes of events', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-stored-form-'));
  let readStore: SqliteReadStore;
  beforeAll(() => (readStore = SqliteReadStore.open({ path: join(dir, 'read-models.db') })));
  afterAll(async () => {
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Keeps the last event of each stream as it was given. */
  const lastSeen = (name: string, reads?: 'stored'): Projection<{ schemaVersion: number; data: object }> => ({
    name,
    version: 1,
    history: 'current',
    reads,
    keysOf: (event) => [event.stream],
    evolve: (_row, event) => ({ schemaVersion: event.schemaVersion, data: event.data }),
    columns: { schema_version: 'integer' },
    columnsOf: (row) => ({ schema_version: row.schemaVersion }),
  });
  const rows = async (projection: Projection<unknown>) =>
    (await readStore.read<{ doc: string }>(projection, (t) => [sql`SELECT doc FROM ${identifier(t.main)}`.query]))![0].map((r) => JSON.parse(r.doc));

  it('gives a projection that reads the stored form the events as stored, and the others their latest shape', async () => {
    const log = new FixedLog(storedEvents([{ stream: 'thing-1', type: 'Ticked', data: { i: 1 } }]));
    const upcast = (event: StoredEvent): StoredEvent => ({ ...event, schemaVersion: event.schemaVersion + 1, data: { ...event.data, lifted: true } });
    const stored = lastSeen('as_stored', 'stored') as Projection<unknown>;
    const latest = lastSeen('as_lifted') as Projection<unknown>;
    await rebuildProjection(log, readStore, stored, { upcast });
    await rebuildProjection(log, readStore, latest, { upcast });
    expect(await rows(stored)).toEqual([{ schemaVersion: 1, data: { i: 1 } }]);
    expect(await rows(latest)).toEqual([{ schemaVersion: 2, data: { i: 1, lifted: true } }]);
  });
});
