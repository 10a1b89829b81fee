import { type EventStore, WrongExpectedRevisionError } from '@mandate-ledger/event-store';
import type { Metrics } from './metrics';

/**
 * The event store with its appends measured: latency by outcome, conflicts, and events appended
 * by type. Everything else passes through; the optional methods exist only where the store has them.
 */
export const instrumentedEventStore = (store: EventStore, kind: string, metrics: Metrics): EventStore => ({
  appendToStream: async (stream, events, expected) => {
    const end = metrics.appendDuration.startTimer({ store: kind });
    try {
      const result = await store.appendToStream(stream, events, expected);
      end({ outcome: 'ok' });
      if (!result.alreadyStored) for (const event of events) metrics.eventsAppended.inc({ store: kind, type: event.type });
      return result;
    } catch (error) {
      const conflict = error instanceof WrongExpectedRevisionError;
      end({ outcome: conflict ? 'conflict' : 'error' });
      if (conflict) metrics.appendConflicts.inc({ store: kind });
      throw error;
    }
  },
  readStream: (stream, options) => store.readStream(stream, options),
  readAll: (options) => store.readAll(options),
  subscribeToAll: (options) => store.subscribeToAll(options),
  headPosition: () => store.headPosition(),
  close: () => store.close(),
  ...(store.onAppended && { onAppended: (listener: () => void) => store.onAppended!(listener) }),
  ...(store.wakeSubscriptions && { wakeSubscriptions: () => store.wakeSubscriptions!() }),
});
