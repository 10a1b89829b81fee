import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import { handleCommand, type CommandDecider } from './handle-command';
import { InMemoryEventStore } from './in-memory/in-memory.event-store';

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
    const first = await handleCommand(store, counter, s, { by: 4, max: 5 }, { metadata, idempotencyKey: 'officer-1:abc' });
    // The repeat would be refused by the decider (4 + 4 > 5) if it were decided again.
    const again = await handleCommand(store, counter, s, { by: 4, max: 5 }, { metadata, idempotencyKey: 'officer-1:abc' });
    expect(again).toEqual({ ...first, appended: false });
    expect(await store.readStream(s)).toHaveLength(1);
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

  it('lets two concurrent requests with one idempotency key append once', async () => {
    const store = new InMemoryEventStore();
    const s = stream();
    const options = { metadata, idempotencyKey: 'officer-1:same' };
    const [a, b] = await Promise.all([
      handleCommand(store, counter, s, { by: 1, max: 5 }, options),
      handleCommand(store, counter, s, { by: 1, max: 5 }, options),
    ]);
    expect(a.position).toBe(b.position);
    expect(await store.readStream(s)).toHaveLength(1);
  });
});
