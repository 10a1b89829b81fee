import { type Projection, ProjectionError, type RowHistory } from '../projection';
import type { ReadStore, TableChanges } from '../read-store/read-store.port';
import { identifier, raw, sql, versionAt } from '../read-store/sql';
import { Projector } from '../runtime/projector';
import { rebuildProjection } from '../runtime/rebuild';
import { FixedLog } from './fixed-log';
import { storedEvents, type GivenEvent } from './projection-specification';

/** What a read store's spec file provides so the suite can run against it. */
export interface ReadStoreContractSetup {
  /** Opens a store on a database the suite may write to (shared by the tests of one file). */
  openStore(): Promise<ReadStore>;
  /** A second, independent store on the same database, as another process or replica would open. */
  openAnotherStore(): Promise<ReadStore>;
  dispose?(): Promise<void>;
}

interface Note {
  readonly text: string;
  readonly tags: readonly string[];
  readonly pinned: number;
  readonly writtenOn: string;
}

let names = 0;

/** A small read model exercising everything the runtime offers: columns, child rows, deletion, both histories. */
const notesProjection = (history: RowHistory): Projection<Note> => ({
  name: `contract_notes_${history === 'current' ? 'c' : 'v'}_${++names}_${process.pid}`,
  version: 1,
  history,
  keysOf: (event) => (event.stream.startsWith('note-') ? [event.stream.slice('note-'.length)] : []),
  evolve: (note, event) => {
    const data = event.data as { text?: string; tag?: string; on?: string };
    if (event.type === 'NoteWritten') return { text: data.text!, tags: [], pinned: 0, writtenOn: data.on ?? '2018-01-01' };
    if (note === undefined) throw new ProjectionError(`${event.type} on a note never written`);
    switch (event.type) {
      case 'NoteTagged':
        return { ...note, tags: [...note.tags, data.tag!] };
      case 'NoteUntagged':
        return { ...note, tags: note.tags.filter((t) => t !== data.tag) };
      case 'NotePinned':
        return { ...note, pinned: note.pinned + 1 };
      case 'NoteViewed':
        return note;
      case 'NoteDeleted':
        return undefined;
      default:
        throw new ProjectionError(`unknown note event ${event.type}`);
    }
  },
  columns: { text: 'text', pinned: 'integer', written_on: 'date' },
  columnsOf: (note) => ({ text: note.text, pinned: note.pinned, written_on: note.writtenOn }),
  indexes: [['pinned']],
  children: { tags: { columns: { tag: 'text' }, indexes: [['tag']], rowsOf: (note) => note.tags.map((tag) => ({ tag })) } },
});

const note = (id: string, type: string, data: object = {}, recordedAt?: string): GivenEvent => ({ stream: `note-${id}`, type, data, recordedAt });
const at = (second: number) => new Date(Date.UTC(2018, 2, 1, 0, 0, second)).toISOString();

/** Every row of every table of the live generation, in key order, as plain objects. */
export const dumpLiveRows = async (readStore: ReadStore, projection: Projection<unknown>): Promise<Record<string, unknown[]>> => {
  const tables = Object.keys(projection.children ?? {});
  const versioned = projection.history === 'system-versioned';
  const order = (child: boolean) => ['key', ...(child ? ['child_key'] : []), ...(versioned ? ['from_position'] : [])].join(', ');
  const results = await readStore.read<Record<string, unknown>>(projection, (names) => [
    sql`SELECT * FROM ${identifier(names.main)} ORDER BY ${raw(order(false))}`.query,
    ...tables.map((t) => ({ sql: `SELECT * FROM "${names.children[t]}" ORDER BY ${order(true)}`, params: [] })),
  ]);
  if (!results) throw new Error(`${projection.name} has no live generation`);
  const normalize = (rows: Record<string, unknown>[]) => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  return Object.fromEntries([['', normalize(results[0])], ...tables.map((t, i) => [t, normalize(results[i + 1])])]);
};

const noChanges = (): Map<string, TableChanges> => new Map();

export const describeReadStoreContract = (adapter: string, setup: () => ReadStoreContractSetup): void => {
  describe(`${adapter} read store contract`, () => {
    const { openStore, openAnotherStore, dispose } = setup();
    let store: ReadStore;
    const others: ReadStore[] = [];
    const another = async () => {
      const opened = await openAnotherStore();
      others.push(opened);
      return opened;
    };

    beforeAll(async () => {
      store = await openStore();
    });
    afterAll(async () => {
      for (const other of others) await other.close();
      await store.close();
      await dispose?.();
    });

    const rebuild = (log: FixedLog, projection: Projection<unknown>, batchSize?: number) =>
      rebuildProjection(log, store, projection, { batchSize });

    const tagsOf = async (projection: Projection<unknown>, key: string, asKnownAt?: string): Promise<string[] | undefined> => {
      const results = await store.read<{ tag: string }>(projection, (t) => [
        sql`SELECT c.tag AS tag FROM ${identifier(t.children.tags)} c WHERE c.key = ${key} AND ${projection.history === 'current' ? sql`1 = 1` : versionAt('c', asKnownAt)} ORDER BY c.tag`.query,
      ]);
      return results?.[0].map((r) => r.tag);
    };

    describe('generations', () => {
      it('serves no query before a generation has caught up, then serves the one that did', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const log = new FixedLog(storedEvents([note('a', 'NoteWritten', { text: 'first' }), note('a', 'NoteTagged', { tag: 'x' })]));
        const created = await store.createGeneration(projection);
        expect(created).toMatchObject({ state: 'building', active: false, checkpoint: undefined, version: 1 });
        expect(await store.read(projection, (t) => [sql`SELECT * FROM ${identifier(t.main)}`.query])).toBeUndefined();

        const { generation, outcome } = await rebuildProjection(log, store, projection, { resume: true });
        expect(outcome).toBe('caught_up');
        expect(generation).toMatchObject({ generation: created.generation, state: 'live', active: true, checkpoint: 2n, eventsProcessed: 2 });
        expect(await tagsOf(projection, 'a')).toEqual(['x']);
      });

      it('makes a new generation live in the commit that catches it up, and drops the tables it replaces', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const log = new FixedLog(storedEvents([note('a', 'NoteWritten', { text: 'one' })]));
        const first = await rebuild(log, projection);
        log.push(...storedEvents([note('b', 'NoteWritten', { text: 'two' })], 2));
        const second = await store.createGeneration(projection);
        const writer = (await store.openWriter(projection, second))!;
        try {
          // A batch that does not activate: queries still read the first generation.
          await writer.commit({ generation: second, expectedCheckpoint: undefined, checkpoint: 1n, events: 1, tables: noChanges(), activate: false });
          expect((await store.activeGeneration(projection.name))?.generation).toBe(first.generation.generation);
          await writer.commit({ generation: second, expectedCheckpoint: 1n, checkpoint: 2n, events: 1, tables: noChanges(), activate: true });
        } finally {
          await writer.close();
        }
        const generations = await store.generations(projection.name);
        expect(generations.map((g) => [g.generation, g.state, g.active])).toEqual([
          [first.generation.generation, 'retired', false],
          [second.generation, 'live', true],
        ]);
        await store.dropRetired(projection.name);
        const old = `rm_${projection.name}_g${first.generation.generation}`;
        const exists = await store.read<{ n: number }>(projection, () => [
          store.kind === 'sqlite'
            ? sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name LIKE ${`${old}%`}`.query
            : sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE ${`${old}%`}`.query,
        ]);
        expect(Number(exists![0][0].n)).toBe(0);
      });

      it('refuses commits to a retired generation', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const log = new FixedLog(storedEvents([note('a', 'NoteWritten', { text: 'one' })]));
        const first = await rebuild(log, projection);
        const stale = (await store.openWriter(projection, first.generation))!;
        await rebuild(log, projection);
        try {
          const outcome = await stale.commit({ generation: first.generation, expectedCheckpoint: 1n, checkpoint: 1n, events: 0, tables: noChanges(), activate: false });
          expect(outcome).toMatchObject({ committed: false, reason: 'retired' });
        } finally {
          await stale.close();
        }
        expect(await store.openWriter(projection, first.generation)).toBeUndefined();
      });
    });

    describe('batches', () => {
      it('commits rows and checkpoint together, or neither when a write fails', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const generation = await store.createGeneration(projection);
        const writer = (await store.openWriter(projection, generation))!;
        try {
          const values = { text: 'x', pinned: 0, written_on: '2018-01-01' };
          // The same child row twice violates its primary key, after the main row was written.
          const tables = new Map<string, TableChanges>([
            ['', { deletes: [], ends: [], inserts: [{ key: 'a', doc: '{}', values }] }],
            ['tags', { deletes: [], ends: [], inserts: [{ key: 'a', childKey: '["t"]', values: { tag: 't' } }, { key: 'a', childKey: '["t"]', values: { tag: 't' } }] }],
          ]);
          const outcome = await writer.commit({ generation, expectedCheckpoint: undefined, checkpoint: 5n, events: 5, tables, activate: true }).then(
            (committed) => ({ committed }),
            (error: { message?: string }) => ({ refused: String(error?.message) }),
          );
          expect(outcome).toEqual({ refused: expect.stringMatching(/UNIQUE|unique|duplicate/) });
          expect((await store.generations(projection.name))[0]).toMatchObject({ checkpoint: undefined, eventsProcessed: 0, active: false });
          expect(await writer.load(['a'])).toEqual(new Map());

          const ok = new Map<string, TableChanges>([['', { deletes: [], ends: [], inserts: [{ key: 'a', doc: '{"n":1}', values }] }]]);
          expect(await writer.commit({ generation, expectedCheckpoint: undefined, checkpoint: 5n, events: 5, tables: ok, activate: true })).toEqual({ committed: true });
          expect(await writer.load(['a', 'b'])).toEqual(new Map([['a', { doc: '{"n":1}' }]]));
        } finally {
          await writer.close();
        }
      });

      it('refuses a batch whose checkpoint moved since the projector read it, writing nothing', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const generation = await store.createGeneration(projection);
        const writer = (await store.openWriter(projection, generation))!;
        try {
          await writer.commit({ generation, expectedCheckpoint: undefined, checkpoint: 3n, events: 3, tables: noChanges(), activate: false });
          const tables = new Map<string, TableChanges>([['', { deletes: [], ends: [], inserts: [{ key: 'late', doc: '{}', values: {} }] }]]);
          const outcome = await writer.commit({ generation, expectedCheckpoint: undefined, checkpoint: 3n, events: 3, tables, activate: false });
          expect(outcome).toMatchObject({ committed: false, reason: 'checkpoint_moved' });
          expect(await writer.load(['late'])).toEqual(new Map());
          expect((await store.generations(projection.name))[0]).toMatchObject({ checkpoint: 3n, eventsProcessed: 3 });
        } finally {
          await writer.close();
        }
      });

      it('keeps positions beyond 64 bits exactly, as EventStoreDB gives them', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const base = 2n ** 100n;
        const events = storedEvents([note('a', 'NoteWritten', { text: 'far' }), note('a', 'NoteTagged', { tag: 'big' })]).map((e, i) => ({
          ...e,
          position: base + BigInt(i) * 2n ** 70n,
        }));
        const { generation } = await rebuild(new FixedLog(events), projection);
        expect(generation.checkpoint).toBe(base + 2n ** 70n);
        expect(await tagsOf(projection, 'a')).toEqual(['big']);
      });

      it('records a failure with the position and type of the event, after committing the events before it', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const log = new FixedLog(
          storedEvents([note('a', 'NoteWritten', { text: 'one' }), note('a', 'NoteTagged', { tag: 'ok' }), note('a', 'NoteShredded'), note('a', 'NoteTagged', { tag: 'never' })]),
        );
        const generation = await store.createGeneration(projection);
        const outcome = await new Projector(log, store, projection, generation, { stopWhenCaughtUp: true }).run();
        expect(outcome).toBe('failed');
        const [failed] = await store.generations(projection.name);
        expect(failed).toMatchObject({
          state: 'failed',
          checkpoint: 2n,
          eventsProcessed: 2,
          lastError: { message: 'ProjectionError: unknown note event NoteShredded', position: 3n, eventType: 'NoteShredded' },
        });
        expect((await store.allGenerations()).find((g) => g.name === projection.name)?.state).toBe('failed');
      });
    });

    describe('system-versioned rows', () => {
      const history = [
        note('a', 'NoteWritten', { text: 'one' }, at(10)),
        note('a', 'NoteTagged', { tag: 'x' }, at(20)),
        note('a', 'NoteViewed', {}, at(25)),
        note('a', 'NoteTagged', { tag: 'y' }, at(30)),
        // Two changes recorded at one instant (one append): only the second was ever current.
        note('a', 'NoteUntagged', { tag: 'x' }, at(40)),
        note('a', 'NotePinned', {}, at(40)),
        note('b', 'NoteWritten', { text: 'two' }, at(40)),
        note('b', 'NoteDeleted', {}, at(50)),
      ];

      it('answers from the version that was current at any instant, children included', async () => {
        const projection = notesProjection('system-versioned') as Projection<unknown>;
        await rebuild(new FixedLog(storedEvents(history)), projection);
        const rows = async (asKnownAt?: string) =>
          (
            await store.read<{ key: string; pinned: number }>(projection, (t) => [
              sql`SELECT m.key AS key, m.pinned AS pinned FROM ${identifier(t.main)} m WHERE ${versionAt('m', asKnownAt)} ORDER BY m.key`.query,
            ])
          )![0].map((r) => ({ key: r.key, pinned: Number(r.pinned) }));
        expect(await rows(at(5))).toEqual([]);
        expect(await rows(at(10))).toEqual([{ key: 'a', pinned: 0 }]);
        expect(await tagsOf(projection, 'a', at(10))).toEqual([]);
        expect(await tagsOf(projection, 'a', at(29))).toEqual(['x']);
        expect(await tagsOf(projection, 'a', at(35))).toEqual(['x', 'y']);
        expect(await rows(at(45))).toEqual([{ key: 'a', pinned: 1 }, { key: 'b', pinned: 0 }]);
        expect(await tagsOf(projection, 'a', at(45))).toEqual(['y']);
        expect(await rows(at(50))).toEqual([{ key: 'a', pinned: 1 }]);
        expect(await rows()).toEqual([{ key: 'a', pinned: 1 }]);
        expect(await tagsOf(projection, 'a')).toEqual(['y']);
      });

      it('writes the same rows whatever the batch boundaries', async () => {
        const events = storedEvents(history);
        const byOne = notesProjection('system-versioned') as Projection<unknown>;
        const whole = notesProjection('system-versioned') as Projection<unknown>;
        await rebuild(new FixedLog(events), byOne, 1);
        await rebuild(new FixedLog(events), whole, 1000);
        const [a, b] = [await dumpLiveRows(store, byOne), await dumpLiveRows(store, whole)];
        expect(a).toEqual(b);
        // Version a@5 began and ended at one instant: kept (a@6 stores what changed since it), but no instant reads it.
        expect((a[''] as { key: string; from_position: string }[]).map((r) => `${r.key}@${Number(r.from_position)}`)).toEqual(['a@1', 'a@2', 'a@4', 'a@5', 'a@6', 'b@7']);
        expect((a[''] as { from_position: string; recorded_from: string; recorded_to: string }[]).filter((r) => r.recorded_from === r.recorded_to).map((r) => Number(r.from_position))).toEqual([5]);
      });

      it('writes the same rows whether the projector holds every row or has to load them', async () => {
        const events: GivenEvent[] = [];
        const deleted = new Set<string>();
        for (let i = 0; i < 300; i++) {
          const id = `n${i % 23}`;
          // Nothing happens to a note once deleted.
          if (deleted.has(id)) continue;
          const type = i % 97 === 50 ? 'NoteDeleted' : i < 23 ? 'NoteWritten' : ['NotePinned', 'NoteTagged', 'NoteUntagged', 'NoteViewed'][i % 4];
          if (type === 'NoteDeleted') deleted.add(id);
          events.push(note(id, type, { text: id, tag: `t${i % 5}` }, at(i)));
        }
        const log = storedEvents(events);
        const holding = notesProjection('system-versioned') as Projection<unknown>;
        const loading = notesProjection('system-versioned') as Projection<unknown>;
        await rebuildProjection(new FixedLog(log), store, holding, { batchSize: 40 });
        // A cache of 3 rows: the projector loads the others from the store, and no longer holds them all when the generation goes live.
        await rebuildProjection(new FixedLog(log), store, loading, { batchSize: 40, cacheSize: 3 });
        const [held, loaded] = [await dumpLiveRows(store, holding), await dumpLiveRows(store, loading)];
        expect((held[''] as { doc: string | null }[]).filter((r) => r.doc !== null)).toHaveLength(20);
        expect(held).toEqual(loaded);
      });

      it('loads the current version of rows for the projector', async () => {
        const projection = notesProjection('system-versioned') as Projection<unknown>;
        const { generation } = await rebuild(new FixedLog(storedEvents(history)), projection);
        const writer = (await store.openWriter(projection, generation))!;
        try {
          const rows = await writer.load(['a', 'b', 'c']);
          expect([...rows.keys()]).toEqual(['a']);
          expect(rows.get('a')).toEqual({ doc: JSON.stringify({ text: 'one', tags: ['y'], pinned: 1, writtenOn: '2018-01-01' }), recordedFrom: at(40) });
        } finally {
          await writer.close();
        }
      });
    });

    describe('concurrent projectors', () => {
      it('applies every event exactly once when two processes project one generation at the same time', async () => {
        const projection = notesProjection('system-versioned') as Projection<unknown>;
        const events: GivenEvent[] = [];
        for (let i = 0; i < 400; i++) {
          const id = `n${i % 37}`;
          events.push(i < 37 ? note(id, 'NoteWritten', { text: id }, at(i)) : note(id, i % 3 === 0 ? 'NotePinned' : 'NoteTagged', { tag: `t${i}` }, at(i)));
        }
        const log = new FixedLog(storedEvents(events));
        const generation = await store.createGeneration(projection);
        const second = await another();
        const outcomes = await Promise.all([
          new Projector(log, store, projection, generation, { stopWhenCaughtUp: true, batchSize: 7 }).run(),
          new Projector(log, second, projection, generation, { stopWhenCaughtUp: true, batchSize: 5 }).run(),
        ]);
        // Whoever opens its writer second finds the generation locked, unless the first had already finished.
        expect(outcomes).toContain('caught_up');
        expect(outcomes.every((o) => o === 'caught_up' || o === 'locked')).toBe(true);
        const [live] = await store.generations(projection.name);
        // Catching up again (whoever lost) applies nothing twice.
        await new Projector(log, store, projection, generation, { stopWhenCaughtUp: true }).run();
        expect((await store.generations(projection.name))[0]).toMatchObject({ checkpoint: 400n, eventsProcessed: 400 });
        expect(live.eventsProcessed).toBe(400);

        const reference = notesProjection('system-versioned') as Projection<unknown>;
        await rebuild(log, reference);
        expect(await dumpLiveRows(store, projection)).toEqual(await dumpLiveRows(store, reference));
      });

      it('gives a generation to one writer at a time, across processes, until it closes', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const generation = await store.createGeneration(projection);
        const first = (await store.openWriter(projection, generation))!;
        const other = await another();
        try {
          expect(await other.openWriter(projection, generation)).toBeUndefined();
          expect(await store.openWriter(projection, generation)).toBeUndefined();
          expect(await first.commit({ generation, expectedCheckpoint: undefined, checkpoint: 1n, events: 1, tables: noChanges(), activate: false })).toEqual({
            committed: true,
          });
        } finally {
          await first.close();
        }
        // Released on close: the next one gets it at once.
        const next = await other.openWriter(projection, generation);
        expect(next).toBeDefined();
        await next?.close();
      });

      it('records a failure only from the checkpoint it was found after, so a projector behind another never marks the generation failed', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const generation = await store.createGeneration(projection);
        const writer = (await store.openWriter(projection, generation))!;
        const failure = { message: 'ProjectionError: Event at position 3 applied twice', position: 3n, eventType: 'NoteTagged', at: at(3) };
        try {
          await writer.commit({ generation, expectedCheckpoint: undefined, checkpoint: 3n, events: 3, tables: noChanges(), activate: true });
          const behind = await writer.commit({ generation, expectedCheckpoint: 2n, checkpoint: 2n, events: 0, tables: noChanges(), activate: false, failure });
          expect(behind).toMatchObject({ committed: false, reason: 'checkpoint_moved' });
          expect((await store.generations(projection.name))[0]).toMatchObject({ state: 'live', checkpoint: 3n, lastError: undefined });

          const next = { ...failure, position: 4n, message: 'ProjectionError: unknown note event NoteShredded' };
          expect(await writer.commit({ generation, expectedCheckpoint: 3n, checkpoint: 3n, events: 0, tables: noChanges(), activate: false, failure: next })).toEqual({
            committed: true,
          });
          expect((await store.generations(projection.name))[0]).toMatchObject({ state: 'failed', active: true, checkpoint: 3n, lastError: next });
        } finally {
          await writer.close();
        }
      });
    });

    describe('queries', () => {
      it('reads columns and child rows of the live generation with ? placeholders in either dialect', async () => {
        const projection = notesProjection('current') as Projection<unknown>;
        const log = new FixedLog(
          storedEvents([
            note('a', 'NoteWritten', { text: 'Calais', on: '2017-07-27' }),
            note('a', 'NoteTagged', { tag: 'water' }),
            note('b', 'NoteWritten', { text: 'Grande-Synthe', on: '2017-12-31' }),
            note('b', 'NotePinned'),
            note('b', 'NotePinned'),
            note('b', 'NoteTagged', { tag: 'water' }),
            note('c', 'NoteWritten', { text: 'Dunkerque', on: '2018-02-01' }),
          ]),
        );
        await rebuild(log, projection);
        const results = await store.read<{ key: string; pinned: number; n?: number }>(projection, (t) => [
          sql`SELECT m.key AS key, m.pinned AS pinned FROM ${identifier(t.main)} m
              WHERE m.written_on >= ${'2017-12-01'} AND m.key IN (SELECT c.key FROM ${identifier(t.children.tags)} c WHERE c.tag = ${'water'})
              ORDER BY m.written_on`.query,
          sql`SELECT count(*) AS n FROM ${identifier(t.main)} m WHERE m.pinned < ${1}`.query,
        ]);
        expect(results![0]).toEqual([{ key: 'b', pinned: 2 }]);
        expect(Number(results![1][0].n)).toBe(2);
      });
    });
  });
};

