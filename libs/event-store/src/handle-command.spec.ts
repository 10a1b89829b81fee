import { randomUUID } from 'node:crypto';
import { IdempotencyKeyReusedError, WrongExpectedRevisionError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import { handleCommand, type CommandDecider, type IdempotencyKey } from './handle-command';
import { InMemoryEventStore } from './in-memory/in-memory.event-store';
import { uuidv7 } from './serialization/uuid-v7';

type Counted = { type: 'Counted'; schemaVersion: 1; data: { by: number } };
type Count = { by: number; max: number };
const counter: CommandDecider<Count, number, Counted> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: ({ by, max }, total) => {
    if (total + by > max) throw new Error('OVER_MAX');
    return [{ type: 'Counted', schemaVersion: 1, data: { by } }];
  },
};
const metadata = { actor: { sub: 'officer-1', role: 'officer' }, correlationId: randomUUID() };
/** A key of officer-1's, sent each time with the same request. */
const key = (name: string): IdempotencyKey => ({ key: `officer-1:${name}`, fingerprint: `fingerprint of ${name}` });

/** A store on which another writer slips in `times` appends just before ours. */
const racing = (store: EventStore, stream: string, times: number): EventStore => {
  let left = times;
  return Object.assign(Object.create(store) as EventStore, {
    appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
      if (left-- > 0) await handleCommand(store, counter, stream, { by: 100, max: 1000 }, { metadata });
      return store.appendToStream(...args);
    },
  });
};

describe('handleCommand', () => {
  const stream = () => `counter-${randomUUID()}`;

  it('decides on the folded stream and appends with the revision it read', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    await handleCommand(store, counter, s, { by: 2, max: 10 }, { metadata });
    const result = await handleCommand(store, counter, s, { by: 3, max: 10 }, { metadata });
    expect(result).toMatchObject({ revision: 1n, appended: true });
    const events = await store.readStream(s);
    expect(events.map((e) => e.data.by)).toEqual([2, 3]);
    expect(events[1].metadata).toEqual(metadata);
  });

  it('lets a refusal of the decider through and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    await expect(handleCommand(store, counter, s, { by: 11, max: 10 }, { metadata })).rejects.toThrow('OVER_MAX');
    expect(await store.readStream(s)).toEqual([]);
  });

  it('retries once against fresh state when another write came first, then gives up', async () => {
    const base = new InMemoryEventStore();
    const s = stream();
    await expect(handleCommand(racing(base, s, 1), counter, s, { by: 1, max: 1000 }, { metadata })).resolves.toMatchObject({ revision: 1n });
    expect((await base.readStream(s)).map((e) => e.data.by)).toEqual([100, 1]);

    await expect(handleCommand(racing(base, s, 2), counter, s, { by: 1, max: 1000 }, { metadata })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });

  it('refuses a stale If-Match revision without retrying', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    await handleCommand(store, counter, s, { by: 1, max: 10 }, { metadata });
    await handleCommand(store, counter, s, { by: 1, max: 10 }, { metadata, expectedRevision: 0n });
    await expect(handleCommand(store, counter, s, { by: 1, max: 10 }, { metadata, expectedRevision: 0n })).rejects.toMatchObject({
      expected: 0n,
      actual: 1n,
    });
  });

  it('returns the first result for a repeated idempotency key and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    const first = await handleCommand(store, counter, s, { by: 4, max: 5 }, { metadata, idempotency: key('abc') });
    // The repeat would be refused by the decider (4 + 4 > 5) if it were decided again.
    const again = await handleCommand(store, counter, s, { by: 4, max: 5 }, { metadata, idempotency: key('abc') });
    expect(again).toEqual({ ...first, appended: false });
    expect(await store.readStream(s)).toHaveLength(1);
  });

  it('stores the key and its fingerprint with the events', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    await handleCommand(store, counter, s, { by: 1, max: 5 }, { metadata, idempotency: key('abc') });
    expect((await store.readStream(s))[0].metadata).toEqual({ ...metadata, idempotencyKey: 'officer-1:abc', idempotencyFingerprint: 'fingerprint of abc' });
  });

  it('refuses a key that comes back with another request, and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    await handleCommand(store, counter, s, { by: 1, max: 5 }, { metadata, idempotency: key('abc') });

    const reused = handleCommand(store, counter, s, { by: 2, max: 5 }, { metadata, idempotency: { key: 'officer-1:abc', fingerprint: 'another request' } });

    await expect(reused).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.readStream(s)).toHaveLength(1);
  });

  it('refuses a key that comes back on another stream, and appends nothing there', async () => {
    const store = new InMemoryEventStore();
    const [s, other] = [stream(), stream()];
    await handleCommand(store, counter, s, { by: 1, max: 5 }, { metadata, idempotency: key('abc') });

    await expect(handleCommand(store, counter, other, { by: 1, max: 5 }, { metadata, idempotency: key('abc') })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      stream: other,
    });
    expect(await store.readStream(other)).toEqual([]);
  });

  it('authorizes a repeated key against the folded state before replaying it', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    await handleCommand(store, counter, s, { by: 3, max: 10 }, { metadata, idempotency: key('abc') });
    const authorize = jest.fn((total: number) => {
      if (total >= 3) throw new Error('NOT_YOURS');
    });

    await expect(handleCommand(store, counter, s, { by: 3, max: 10 }, { metadata, idempotency: key('abc'), authorize })).rejects.toThrow('NOT_YOURS');
    expect(authorize).toHaveBeenCalledWith(3);
  });

  it('replays a key stored without a fingerprint (recorded before fingerprints were kept) by the key alone', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    const old = { id: uuidv7(), type: 'Counted', schemaVersion: 1, data: { by: 1 }, metadata: { ...metadata, idempotencyKey: 'officer-1:old' } };
    const recorded = await store.appendToStream(s, [old], 'no_stream');

    const again = await handleCommand(store, counter, s, { by: 2, max: 5 }, { metadata, idempotency: key('old') });

    expect(again).toEqual({ revision: recorded.revision, position: recorded.position, appended: false });
  });

  it('asks the caller to authorize against the folded state before deciding', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    await handleCommand(store, counter, s, { by: 3, max: 10 }, { metadata });
    const authorize = jest.fn((total: number) => {
      if (total >= 3) throw new Error('NOT_YOURS');
    });
    await expect(handleCommand(store, counter, s, { by: 1, max: 10 }, { metadata, authorize })).rejects.toThrow('NOT_YOURS');
    expect(authorize).toHaveBeenCalledWith(3);
    expect(await store.readStream(s)).toHaveLength(1);
  });

  it('lets concurrent requests with one idempotency key append once, and answers the others as replays', async () => {
    const base = new InMemoryEventStore();
    const s = stream();
    // Every request reads the stream before any of them appends.
    let reading = 0;
    let allRead: () => void = () => undefined;
    const read = new Promise<void>((resolve) => (allRead = resolve));
    const store = Object.assign(Object.create(base) as EventStore, {
      readStream: async (...args: Parameters<EventStore['readStream']>) => {
        const events = await base.readStream(...args);
        if (++reading === 3) allRead();
        if (reading <= 3) await read;
        return events;
      },
    });

    const results = await Promise.all([1, 2, 3].map(() => handleCommand(store, counter, s, { by: 1, max: 5 }, { metadata, idempotency: key('same') })));

    expect(results.filter((r) => r.appended)).toHaveLength(1);
    expect(new Set(results.map((r) => r.position)).size).toBe(1);
    expect(await base.readStream(s)).toHaveLength(1);
  });

  it('refuses the loser of a race with one key when its request was another one', async () => {
    const base = new InMemoryEventStore();
    const s = stream();
    // The other request appends with the same key just before ours.
    const store = Object.assign(Object.create(base) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        await handleCommand(base, counter, s, { by: 2, max: 5 }, { metadata, idempotency: { key: 'officer-1:same', fingerprint: 'the other request' } });
        return base.appendToStream(...args);
      },
    });

    await expect(handleCommand(store, counter, s, { by: 1, max: 5 }, { metadata, idempotency: key('same') })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    expect((await base.readStream(s)).map((e) => e.data.by)).toEqual([2]);
  });
});
