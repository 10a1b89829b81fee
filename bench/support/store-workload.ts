import type { EventStore } from '@mandate-ledger/event-store';
import { benchEvent, benchStream } from './bench-events';
import { progress, ratePerSecond, timedRate } from './measure';

/** Adapter-neutral workloads run through the EventStore port. */

/** Single-event appends with an exact expected revision, `writers` loops at once, each on its own stream. */
export const storeSingleAppends = async (store: EventStore, seconds: number, writers = 1): Promise<number> => {
  const rates = await Promise.all(
    Array.from({ length: writers }, async () => {
      const stream = benchStream();
      let next = 0;
      return ratePerSecond(seconds, async () => {
        await store.appendToStream(stream, [benchEvent(next)], next === 0 ? 'no_stream' : BigInt(next - 1));
        next++;
        return 1;
      });
    }),
  );
  return rates.reduce((a, b) => a + b, 0);
};

/** Appends of `size` events at once, exact expected revision. Returns events per second. */
export const storeBatchAppends = async (store: EventStore, seconds: number, size: number): Promise<number> => {
  const stream = benchStream();
  let next = 0;
  return ratePerSecond(seconds, async () => {
    const events = Array.from({ length: size }, (_, i) => benchEvent(next + i));
    await store.appendToStream(stream, events, next === 0 ? 'no_stream' : BigInt(next - 1));
    next += size;
    return size;
  });
};

/** Fills the log with `total` events in appends of 1,000, on streams of 10,000 events. */
export const fillStore = async (store: EventStore, total: number, label: string): Promise<void> => {
  for (let done = 0; done < total; ) {
    const stream = benchStream();
    for (let revision = 0; revision < 10_000 && done < total; revision += 1000, done += 1000) {
      const events = Array.from({ length: 1000 }, (_, i) => benchEvent(done + i));
      await store.appendToStream(stream, events, revision === 0 ? 'no_stream' : BigInt(revision - 1));
    }
    progress(label, done, total);
  }
};

/** Reads the whole global log in batches of `batch`; returns events per second. */
export const storeReadAll = async (store: EventStore, total: number, batch = 1000): Promise<number> => {
  let read = 0;
  return timedRate(total, async () => {
    let after: bigint | undefined;
    for (;;) {
      const events = await store.readAll({ after, maxCount: batch });
      if (events.length === 0) break;
      read += events.length;
      after = events[events.length - 1].position;
    }
    if (read !== total) throw new Error(`read ${read} events, expected ${total}`);
  });
};
