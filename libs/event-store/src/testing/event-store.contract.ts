import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, JsonObject, StoredEvent } from '../event-store.port';
import type { Upcaster } from '../serialization/upcasters';
import { uuidv7 } from '../serialization/uuid-v7';

/** What an adapter's spec file provides so the suite can run against it. */
export interface EventStoreContractSetup {
  /**
   * Opens a store on a database the suite may write to. Streams are unique per test, and global
   * reads only look past the head position seen at the start of a test, so the database may be
   * shared by the tests of one file (but not with another file running in parallel).
   */
  openStore(options?: { upcasters?: readonly Upcaster[] }): Promise<EventStore>;
  /**
   * Opens a second, independent store on the same database, as another process or replica would:
   * its own connection, its own in-process notifications.
   */
  openAnotherStore(): Promise<EventStore>;
  /** Called once after the suite; removes what the setup created. */
  dispose?(): Promise<void>;
  /**
   * Set to false, with the reason in the adapter's spec, only for a store that keeps no index of
   * event ids across streams (EventStoreDB): the test of an id reused in another stream is skipped.
   */
  readonly detectsIdsReusedAcrossStreams?: boolean;
}

const actor = { sub: 'contract-suite', role: 'admin' } as const;

const anEvent = (type = 'ThingHappened', data: EventToAppend['data'] = {}): EventToAppend => ({
  id: uuidv7(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actor, correlationId: randomUUID(), causationId: randomUUID() },
});

const events = (count: number, type = 'ThingHappened'): EventToAppend[] =>
  Array.from({ length: count }, (_, index) => anEvent(type, { index }));

const streamName = (category = 'thing'): string => `${category}-${randomUUID()}`;

const expectWrongRevision = async (
  promise: Promise<unknown>,
  expected: ExpectedRevision,
  actual: bigint | 'no_stream',
): Promise<void> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ expected, actual });
};

/** Collects `count` events from a subscription, or fails after `timeoutMs` with what it saw. */
const collect = async (iterable: AsyncIterable<StoredEvent>, count: number, timeoutMs = 10_000): Promise<StoredEvent[]> => {
  const seen: StoredEvent[] = [];
  if (count === 0) return seen;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`subscription delivered ${seen.length} of ${count} events`)), timeoutMs);
  });
  const reading = (async () => {
    for await (const event of iterable) {
      seen.push(event);
      if (seen.length === count) break;
    }
    return seen;
  })();
  try {
    return await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** Reads the whole global log after `after`, in batches, keeping only the given streams. */
const readAllOf = async (store: EventStore, after: bigint | undefined, streams?: Set<string>): Promise<StoredEvent[]> => {
  const all: StoredEvent[] = [];
  for (let batch = await store.readAll({ after, maxCount: 500 }); batch.length > 0; ) {
    all.push(...batch);
    batch = await store.readAll({ after: batch[batch.length - 1].position, maxCount: 500 });
  }
  return streams ? all.filter((e) => streams.has(e.stream)) : all;
};

const expectStrictlyIncreasing = (positions: bigint[]): void => {
  for (let i = 1; i < positions.length; i++) {
    if (positions[i] <= positions[i - 1]) {
      throw new Error(`position ${positions[i]} at index ${i} does not follow ${positions[i - 1]}`);
    }
  }
};

/**
 * The behaviour every `EventStore` adapter must have. Called from one `*.contract-spec.ts` per
 * adapter, unchanged.
 */
export const describeEventStoreContract = (adapter: string, setup: () => EventStoreContractSetup): void => {
  describe(`EventStore contract: ${adapter}`, () => {
    // Creating the setup does no I/O: connections are opened in beforeAll.
    const harness = setup();
    let store: EventStore;
    const opened: EventStore[] = [];

    const open = async (options?: { upcasters?: readonly Upcaster[] }): Promise<EventStore> => {
      const s = await harness.openStore(options);
      opened.push(s);
      return s;
    };

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await Promise.all(opened.map((s) => s.close()));
      await harness.dispose?.();
    });

    describe('appending and reading a stream', () => {
      it('stores events with revisions from 0, increasing positions and a recordedAt set by the store', async () => {
        const stream = streamName();
        const batch = [anEvent('ThingCreated', { name: 'Calais', n: 1.5, tags: ['a', 'é'], none: null }), anEvent(), anEvent()];
        const before = Date.now();
        const result = await store.appendToStream(stream, batch, 'no_stream');
        const read = await store.readStream(stream);

        expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(result).toEqual({ revision: 2n, position: read[2].position });
        expectStrictlyIncreasing(read.map((e) => e.position));
        read.forEach((stored, index) => {
          expect(stored).toMatchObject({
            stream,
            id: batch[index].id,
            type: batch[index].type,
            schemaVersion: 1,
            data: batch[index].data,
            metadata: batch[index].metadata,
          });
          expect(stored.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
          expect(Date.parse(stored.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
          expect(Date.parse(stored.recordedAt)).toBeLessThanOrEqual(Date.now() + 1000);
        });
      });

      it('keeps appending after the last revision', async () => {
        const stream = streamName();
        await store.appendToStream(stream, events(2), 'no_stream');
        const result = await store.appendToStream(stream, events(3), 1n);
        expect(result.revision).toBe(4n);
        expect((await store.readStream(stream)).map((e) => e.data.index)).toEqual([0, 1, 0, 1, 2]);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(streamName())).toEqual([]);
        expect(await store.readStream(streamName(), { direction: 'backwards' })).toEqual([]);
      });

      it('reads forwards and backwards, from a revision, with a limit', async () => {
        const stream = streamName();
        await store.appendToStream(stream, events(10), 'no_stream');
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(stream, options)).map((e) => Number(e.revision));

        expect(await revisions({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(await revisions({ fromRevision: 7n })).toEqual([7, 8, 9]);
        expect(await revisions({ fromRevision: 2n, maxCount: 3 })).toEqual([2, 3, 4]);
        expect(await revisions({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([9, 8]);
        expect(await revisions({ direction: 'backwards', fromRevision: 4n, maxCount: 3 })).toEqual([4, 3, 2]);
        expect(await revisions({ fromRevision: 10n })).toEqual([]);
      });

      it('refuses a bad stream name, an empty batch, a non-UUID id and an id twice in one batch', async () => {
        await expect(store.appendToStream('no category', events(1), 'any')).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.appendToStream('my-thing-1', [], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.appendToStream(streamName(), [{ ...anEvent(), id: 'not-a-uuid' }], 'any')).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        const twice = anEvent();
        await expect(store.appendToStream(streamName(), [twice, twice], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
      });

      it('refuses data that not every store can keep: U+0000, a lone surrogate, a non-finite number', async () => {
        const stream = streamName();
        const unstorable: JsonObject[] = [{ text: 'a\u0000b' }, { nested: ['\ud800'] }, { amount: Number.POSITIVE_INFINITY }];
        for (const data of unstorable) {
          await expect(store.appendToStream(stream, [anEvent('ThingHappened', data)], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
        }
        // A well-formed pair (an emoji) is fine.
        await store.appendToStream(stream, [anEvent('ThingHappened', { text: 'douches 🚿' })], 'no_stream');
        expect((await store.readStream(stream))[0].data).toEqual({ text: 'douches 🚿' });
      });
    });

    describe('expected revision', () => {
      it('no_stream: accepts a new stream and refuses an existing one with its actual revision', async () => {
        const stream = streamName();
        await store.appendToStream(stream, events(2), 'no_stream');
        await expectWrongRevision(store.appendToStream(stream, events(1), 'no_stream'), 'no_stream', 1n);
      });

      it('stream_exists: refuses a missing stream and accepts an existing one', async () => {
        const stream = streamName();
        await expectWrongRevision(store.appendToStream(stream, events(1), 'stream_exists'), 'stream_exists', 'no_stream');
        await store.appendToStream(stream, events(1), 'any');
        expect((await store.appendToStream(stream, events(1), 'stream_exists')).revision).toBe(1n);
      });

      it('any: accepts a missing and an existing stream', async () => {
        const stream = streamName();
        expect((await store.appendToStream(stream, events(1), 'any')).revision).toBe(0n);
        expect((await store.appendToStream(stream, events(2), 'any')).revision).toBe(2n);
      });

      it('exact: accepts the last revision, refuses a stale, a future and a missing stream', async () => {
        const stream = streamName();
        await expectWrongRevision(store.appendToStream(stream, events(1), 0n), 0n, 'no_stream');
        await store.appendToStream(stream, events(3), 'no_stream');
        await expectWrongRevision(store.appendToStream(stream, events(1), 1n), 1n, 2n);
        await expectWrongRevision(store.appendToStream(stream, events(1), 5n), 5n, 2n);
        expect((await store.appendToStream(stream, events(1), 2n)).revision).toBe(3n);
      });

      it('settles appends issued together each on its own: a conflict or a retry never undoes another', async () => {
        const [shared, own] = [streamName(), streamName()];
        const first = events(2);
        const rival = events(1);
        const outcomes = await Promise.allSettled([
          store.appendToStream(shared, first, 'no_stream'),
          store.appendToStream(shared, rival, 'no_stream'),
          store.appendToStream(own, events(1), 'any'),
          store.appendToStream(shared, first, 'no_stream'),
        ]);

        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
        const [granted, refused, , retried] = outcomes;
        expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        const { revision, position } = (granted as PromiseFulfilledResult<AppendResult>).value;
        expect((retried as PromiseFulfilledResult<AppendResult>).value).toMatchObject({ revision, position });
        expect((await store.readStream(shared)).map((e) => e.id)).toEqual(first.map((e) => e.id));
        expect(await store.readStream(own)).toHaveLength(1);
      });

      it('leaves the stream untouched when an expectation fails', async () => {
        const stream = streamName();
        await store.appendToStream(stream, events(2), 'no_stream');
        await expect(store.appendToStream(stream, events(5), 0n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('idempotent event ids', () => {
      it('returns the original result and appends nothing when the same events are appended again', async () => {
        const stream = streamName();
        const batch = events(3);
        const first = await store.appendToStream(stream, batch, 'no_stream');
        await store.appendToStream(stream, events(1), 2n);

        // A retried command carries its original expectation, now stale: still the original answer.
        expect(await store.appendToStream(stream, batch, 'no_stream')).toMatchObject(first);
        expect(await store.appendToStream(stream, batch, 'any')).toMatchObject(first);
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('tells an append that found all its events stored from one that stored them', async () => {
        const stream = streamName();
        const batch = events(2);
        const first = await store.appendToStream(stream, batch, 'no_stream');
        await store.appendToStream(stream, events(1), 1n);

        expect(first.alreadyStored).toBeUndefined();
        expect(await store.appendToStream(stream, batch, 'any')).toEqual({ ...first, alreadyStored: true });
      });

      it('tells which of two appends of the same ids issued together stored them', async () => {
        const stream = streamName();
        // As two requests with one idempotency key would send them: the same ids, each its own metadata.
        const mine = events(2);
        const theirs = mine.map((event) => ({ ...event, metadata: { ...event.metadata, correlationId: randomUUID() } }));

        const results = await Promise.all([store.appendToStream(stream, mine, 'no_stream'), store.appendToStream(stream, theirs, 'no_stream')]);

        expect(results.filter((result) => result.alreadyStored)).toHaveLength(1);
        expect(results[0]).toMatchObject({ revision: results[1].revision, position: results[1].position });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('refuses a batch that only partly matches stored events, and appends nothing', async () => {
        const stream = streamName();
        const batch = events(2);
        await store.appendToStream(stream, batch, 'no_stream');

        await expect(store.appendToStream(stream, [batch[1], anEvent()], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        await expect(store.appendToStream(stream, [anEvent(), batch[0]], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      const acrossStreams = harness.detectsIdsReusedAcrossStreams === false ? it.skip : it;
      acrossStreams('refuses an id reused in another stream, and appends nothing', async () => {
        const stream = streamName();
        const batch = events(1);
        await store.appendToStream(stream, batch, 'no_stream');

        const other = streamName();
        await expect(store.appendToStream(other, [batch[0]], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(other)).toEqual([]);
      });
    });

    describe('global log', () => {
      it('reads events of every stream in global order, in batches, from an exclusive position', async () => {
        const head = await store.headPosition();
        const [a, b] = [streamName('alpha'), streamName('beta')];
        await store.appendToStream(a, events(2), 'no_stream');
        await store.appendToStream(b, events(3), 'no_stream');
        await store.appendToStream(a, events(1), 1n);
        const streams = new Set([a, b]);

        const all = await readAllOf(store, head, streams);
        expect(all.map((e) => `${e.stream === a ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'a1', 'b0', 'b1', 'b2', 'a2']);
        expectStrictlyIncreasing(all.map((e) => e.position));

        const firstTwo = await store.readAll({ after: head, maxCount: 2 });
        expect(firstTwo.filter((e) => streams.has(e.stream)).length).toBeLessThanOrEqual(2);
        const rest = await readAllOf(store, all[1].position, streams);
        expect(rest.map((e) => e.id)).toEqual(all.slice(2).map((e) => e.id));
        expect(await store.headPosition()).toBe(all[all.length - 1].position);
      });

      it('answers the head position as the position of the last append', async () => {
        const result = await store.appendToStream(streamName(), events(2), 'no_stream');
        expect(await store.headPosition()).toBe(result.position);
      });
    });

    describe('subscription', () => {
      it('catches up from a position, then follows live appends, until stopped', async () => {
        const head = await store.headPosition();
        const stream = streamName();
        await store.appendToStream(stream, events(3), 'no_stream');
        const controller = new AbortController();
        const iterator = store.subscribeToAll({ after: head, signal: controller.signal });

        const seen: StoredEvent[] = [];
        const reading = (async () => {
          for await (const event of iterator) {
            if (event.stream === stream) seen.push(event);
            if (seen.length === 5) controller.abort();
          }
        })();
        await store.appendToStream(stream, events(2), 2n);
        await reading; // ends because the signal aborted, not by an error

        expect(seen.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expectStrictlyIncreasing(seen.map((e) => e.position));
      });

      it('resumes after a checkpoint without repeating what was delivered', async () => {
        const head = await store.headPosition();
        const stream = streamName();
        await store.appendToStream(stream, events(4), 'no_stream');
        const all = await readAllOf(store, head, new Set([stream]));

        const controller = new AbortController();
        const resumed = await collect(store.subscribeToAll({ after: all[1].position, signal: controller.signal }), 2);
        controller.abort();
        expect(resumed.map((e) => e.id)).toEqual([all[2].id, all[3].id]);
      });

      it('sees events appended through another connection to the same database', async () => {
        const other = await harness.openAnotherStore();
        opened.push(other);
        const head = await store.headPosition();
        const stream = streamName();
        const controller = new AbortController();
        const seen = collect(
          filterStream(store.subscribeToAll({ after: head, signal: controller.signal }), stream),
          3,
        );
        await other.appendToStream(stream, events(3), 'no_stream');
        expect((await seen).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        controller.abort();
      });

      it('tells listeners after its own commits, and reads at once when woken for another connection (the polling adapters)', async () => {
        if (!store.onAppended || !store.wakeSubscriptions) {
          // An adapter has both or neither: the API tells its projector thread with one and wakes it with the other.
          expect([store.onAppended, store.wakeSubscriptions]).toEqual([undefined, undefined]);
          return;
        }
        let told = 0;
        const stopTelling = store.onAppended(() => told++);
        await store.appendToStream(streamName(), events(2), 'no_stream');
        expect(told).toBeGreaterThanOrEqual(1);
        stopTelling();
        const before = told;
        await store.appendToStream(streamName(), events(1), 'no_stream');
        expect(told).toBe(before);

        const other = await harness.openAnotherStore();
        opened.push(other);
        const head = await other.headPosition();
        const stream = streamName();
        const controller = new AbortController();
        const seen = collect(filterStream(other.subscribeToAll({ after: head, signal: controller.signal }), stream), 3);
        await store.appendToStream(stream, events(3), 'no_stream');
        other.wakeSubscriptions!();
        expect((await seen).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        controller.abort();
      });
    });

    describe('upcasters', () => {
      it('lifts old events to the latest schemaVersion on every read path', async () => {
        const lifted = await open({
          upcasters: [
            { type: 'NameRecorded', fromSchemaVersion: 1, upcast: (data) => ({ fullName: data.name }) },
            { type: 'NameRecorded', fromSchemaVersion: 2, upcast: (data) => ({ ...data, language: 'fr' }) },
          ],
        });
        const head = await store.headPosition();
        const stream = streamName();
        await store.appendToStream(stream, [anEvent('NameRecorded', { name: 'AUDASSE' }), anEvent('Other', { name: 'x' })], 'no_stream');

        const expected = [
          { type: 'NameRecorded', schemaVersion: 3, data: { fullName: 'AUDASSE', language: 'fr' } },
          { type: 'Other', schemaVersion: 1, data: { name: 'x' } },
        ];
        expect(await lifted.readStream(stream)).toMatchObject(expected);
        expect(await readAllOf(lifted, head, new Set([stream]))).toMatchObject(expected);
        const controller = new AbortController();
        expect(await collect(filterStream(lifted.subscribeToAll({ after: head, signal: controller.signal }), stream), 2)).toMatchObject(
          expected,
        );
        controller.abort();
        // The stored shape is untouched.
        expect((await store.readStream(stream))[0]).toMatchObject({ schemaVersion: 1, data: { name: 'AUDASSE' } });
      });
    });

    describe('concurrency', () => {
      it('16 writers on one shared stream and their own streams, with a live subscriber: nothing lost, doubled or out of order', async () => {
        const writers = 16;
        const perWriter = 10;
        const head = await store.headPosition();
        const shared = streamName('shared');
        const own = Array.from({ length: writers }, () => streamName('own'));
        const streams = new Set([shared, ...own]);
        const total = writers * perWriter * 2;

        const controller = new AbortController();
        const subscriber = collect(filterStreams(store.subscribeToAll({ after: head, signal: controller.signal }), streams), total, 60_000);

        const appendToShared = async (event: EventToAppend): Promise<void> => {
          for (;;) {
            const [last] = await store.readStream(shared, { direction: 'backwards', maxCount: 1 });
            try {
              await store.appendToStream(shared, [event], last ? last.revision : 'no_stream');
              return;
            } catch (error) {
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
            }
          }
        };
        await Promise.all(
          own.map(async (stream) => {
            for (let i = 0; i < perWriter; i++) {
              await store.appendToStream(stream, [anEvent('Own', { i })], i === 0 ? 'no_stream' : BigInt(i - 1));
              await appendToShared(anEvent('Shared', { stream, i }));
            }
          }),
        );

        const seen = await subscriber;
        controller.abort();
        const log = await readAllOf(store, head, streams);

        expect(log).toHaveLength(total);
        expect(new Set(log.map((e) => e.id)).size).toBe(total);
        for (const stream of streams) {
          const revisions = (await store.readStream(stream)).map((e) => Number(e.revision));
          expect(revisions).toEqual(Array.from({ length: stream === shared ? writers * perWriter : perWriter }, (_, i) => i));
        }
        expect(seen.map((e) => e.id)).toEqual(log.map((e) => e.id));
        expectStrictlyIncreasing(seen.map((e) => e.position));
      });
    });
  });
};

async function* filterStream(source: AsyncIterable<StoredEvent>, stream: string): AsyncGenerator<StoredEvent> {
  for await (const event of source) if (event.stream === stream) yield event;
}

async function* filterStreams(source: AsyncIterable<StoredEvent>, streams: Set<string>): AsyncGenerator<StoredEvent> {
  for await (const event of source) if (streams.has(event.stream)) yield event;
}
