import { randomUUID } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import {
  describeWithPostgres,
  dropTestSchema,
  lockOpenTransactionTests,
  postgresTestUrl,
  testSchemaName,
} from '../../../../test/support/postgres';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { EventToAppend, StoredEvent } from '../event-store.port';
import { uuidv7 } from '../serialization/uuid-v7';
import { PostgresEventStore } from './postgres.event-store';

const anEvent = (type = 'ThingHappened'): EventToAppend => ({
  id: uuidv7(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actor: { sub: 'race-spec', role: 'admin' }, correlationId: randomUUID() },
});

const streamName = (category: string): string => `${category}-${randomUUID()}`;
const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);

/** Lets a test wait for a global read that starts after a given moment, and see what it returned. */
const watchGlobalReads = (store: PostgresEventStore) => {
  const read = store.readAll.bind(store);
  let started = 0;
  let waiting: { after: number; resolve: (batch: StoredEvent[]) => void }[] = [];
  jest.spyOn(store, 'readAll').mockImplementation(async (options) => {
    const number = ++started;
    const batch = await read(options);
    const done = waiting.filter((w) => number > w.after);
    waiting = waiting.filter((w) => number <= w.after);
    done.forEach((w) => w.resolve(batch));
    return batch;
  });
  return {
    nextReadStartingNow: (): Promise<StoredEvent[]> => new Promise((resolve) => waiting.push({ after: started, resolve })),
  };
};

/** Pushes the events of the given streams from a subscription into `seen` until `count` arrived. */
const collect = async (source: AsyncIterable<StoredEvent>, streams: Set<string>, count: number, seen: StoredEvent[]): Promise<StoredEvent[]> => {
  for await (const event of source) {
    if (streams.has(event.stream)) seen.push(event);
    if (seen.length === count) break;
  }
  return seen;
};

describeWithPostgres('postgres race suite', () => {
  describe('PostgresEventStore global order under concurrent writers', () => {
    const schema = testSchemaName();
    let unlock: () => Promise<void>;
    let store: PostgresEventStore;
    let writer: Client; // holds a transaction open mid-append
    let writerPid: number;
    let observer: Client; // runs the naive query

    beforeAll(async () => {
      // Exclusive: holding a transaction open here would hold back the other PostgreSQL suites' reads.
      unlock = await lockOpenTransactionTests('exclusive');
      store = await PostgresEventStore.open({ connectionString: postgresTestUrl, schema, pollIntervalMs: 10 });
      writer = new Client({ connectionString: postgresTestUrl });
      observer = new Client({ connectionString: postgresTestUrl });
      await Promise.all([writer.connect(), observer.connect()]);
      writerPid = (await writer.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    }, 120_000);

    let stopAfterTest = (): void => undefined;

    afterEach(async () => {
      stopAfterTest();
      stopAfterTest = () => undefined;
      jest.restoreAllMocks();
      await writer.query('ROLLBACK'); // a failed test must not leave its transaction open for the next
    });

    afterAll(async () => {
      await Promise.all([writer?.end(), observer?.end(), store?.close()]);
      await dropTestSchema(schema);
      await unlock?.();
    });

    /** Resolves once another session waits on the writer's open transaction (its append hit the same unique key). */
    const blockedByWriter = async (): Promise<void> => {
      for (let check = 0; check < 10_000; check++) {
        const { rows } = await observer.query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [writerPid]);
        if (rows.length > 0) return;
      }
      throw new Error('the append never waited for the open transaction');
    };

    it('does not read past an append whose transaction is still open, then reads both in position order', async () => {
      const head = await store.headPosition();
      const [x, y] = [streamName('x'), streamName('y')];
      const [e1, e2, e3] = [anEvent(), anEvent(), anEvent()];
      const streams = new Set([x, y]);
      const controller = new AbortController();
      const delivered: StoredEvent[] = [];
      const subscribed = collect(store.subscribeToAll({ after: head, signal: controller.signal }), streams, 3, delivered);
      stopAfterTest = () => controller.abort();
      const reads = watchGlobalReads(store);

      // given: e1's transaction gets its id first and stays open while e2 commits
      await writer.query('BEGIN');
      const first = await store.appendWithin(writer, x, [e1], 'no_stream');
      const second = await store.appendToStream(y, [e2], 'no_stream');
      expect(first.position).toBeLessThan(second.position);

      // then: the subscriber reads again after e2 committed and has delivered nothing, nor does a reader find anything
      const batch = await reads.nextReadStartingNow(); // a subscriber reads only once it has handled its previous batch
      expect(ids([...delivered, ...batch].filter((e) => streams.has(e.stream)))).toEqual([]);
      expect(await store.readAll({ after: head })).toEqual([]);
      expect(await store.headPosition()).toBe(head);
      // while a naive reader sees e2 without e1: had it saved e2 as its checkpoint, e1 would be lost
      const naive = await observer.query(
        `SELECT id FROM ${escapeIdentifier(schema)}.events WHERE position > $1 ORDER BY position`,
        [String(head ?? -1n)],
      );
      expect(ids(naive.rows)).toEqual([e2.id]);

      // when: e1's transaction commits
      await writer.query('COMMIT');

      // then: both are readable, e1 first; the subscriber gets e1, e2, then a later e3, each once
      expect(ids(await store.readAll({ after: head }))).toEqual([e1.id, e2.id]);
      expect(await store.headPosition()).toBe(second.position);
      await store.appendToStream(y, [e3], 0n);
      expect(ids(await subscribed)).toEqual([e1.id, e2.id, e3.id]);
    });

    it('leaves no hole that blocks readers when an append is rolled back', async () => {
      const head = await store.headPosition();
      const [x, y] = [streamName('x'), streamName('y')];
      const [doomed, kept, later] = [anEvent(), anEvent(), anEvent()];

      await writer.query('BEGIN');
      await store.appendWithin(writer, x, [doomed], 'no_stream');
      const result = await store.appendToStream(y, [kept], 'no_stream');
      expect(await store.readAll({ after: head })).toEqual([]);
      await writer.query('ROLLBACK');

      expect(ids(await store.readAll({ after: head }))).toEqual([kept.id]);
      expect(await store.headPosition()).toBe(result.position);
      expect(await store.readStream(x)).toEqual([]);
      expect((await store.appendToStream(x, [later], 'no_stream')).revision).toBe(0n);
      expect(ids(await store.readAll({ after: result.position }))).toEqual([later.id]);
    });

    it('retries an `any` append whose revision a concurrent transaction took', async () => {
      const stream = streamName('shared');
      const [mine, theirs] = [anEvent(), anEvent()];

      await writer.query('BEGIN');
      await store.appendWithin(writer, stream, [theirs], 'any');
      const appending = store.appendToStream(stream, [mine], 'any');
      await blockedByWriter();
      await writer.query('COMMIT');

      expect((await appending).revision).toBe(1n);
      expect(ids(await store.readStream(stream))).toEqual([theirs.id, mine.id]);
    });

    it('refuses a no_stream append when a concurrent transaction created the stream first', async () => {
      const stream = streamName('shared');

      await writer.query('BEGIN');
      await store.appendWithin(writer, stream, [anEvent()], 'no_stream');
      const appending = store.appendToStream(stream, [anEvent()], 'no_stream');
      await blockedByWriter();
      await writer.query('COMMIT');

      const error = await appending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ expected: 'no_stream', actual: 0n });
    });

    it('answers a retried command with the original result when the first attempt commits while it waits', async () => {
      const stream = streamName('retried');
      const batch = [anEvent(), anEvent()];

      await writer.query('BEGIN');
      const original = await store.appendWithin(writer, stream, batch, 'no_stream');
      const retried = store.appendToStream(stream, batch, 'no_stream');
      await blockedByWriter();
      await writer.query('COMMIT');

      expect(await retried).toEqual({ ...original, alreadyStored: true });
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('keeps the caller transaction usable when an append within it fails, and allows one append per transaction', async () => {
      const stream = streamName('within');
      await store.appendToStream(stream, [anEvent()], 'no_stream');

      await writer.query('BEGIN');
      await expect(store.appendWithin(writer, stream, [anEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const result = await store.appendWithin(writer, stream, [anEvent()], 0n);
      await expect(store.appendWithin(writer, streamName('within'), [anEvent()], 'any')).rejects.toThrow(/at most one append/);
      await writer.query('COMMIT');

      expect(result.revision).toBe(1n);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('refuses to open a log whose positions are ahead of the cluster transaction ids, as after a restore elsewhere', async () => {
      const restored = testSchemaName();
      try {
        await (await PostgresEventStore.open({ connectionString: postgresTestUrl, schema: restored })).close();
        const e = anEvent();
        await observer.query(
          `INSERT INTO ${escapeIdentifier(restored)}.events VALUES ($1, $2, 'thing-1', 0, $3, 1, '{}', '{}', now())`,
          [String(2n ** 62n), e.id, e.type],
        );
        await expect(PostgresEventStore.open({ connectionString: postgresTestUrl, schema: restored })).rejects.toThrow(
          /beyond this cluster's transaction ids/,
        );
      } finally {
        await dropTestSchema(restored);
      }
    });

    it('applies the migrations of a new schema once when several stores open it at the same time', async () => {
      const fresh = testSchemaName();
      try {
        const stores = await Promise.all(
          Array.from({ length: 6 }, () => PostgresEventStore.open({ connectionString: postgresTestUrl, schema: fresh, poolSize: 1 })),
        );
        await Promise.all(stores.map((s) => s.close()));
        const { rows } = await observer.query(`SELECT component, version FROM ${escapeIdentifier(fresh)}.schema_migrations`);
        expect(rows).toEqual([{ component: 'event_store', version: 1 }]);
      } finally {
        await dropTestSchema(fresh);
      }
    });
  });
});
