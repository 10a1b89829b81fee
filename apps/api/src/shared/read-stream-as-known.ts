import type { EventStore, StoredEvent } from '@mandate-ledger/event-store';

/**
 * The stream as the record stood at `asKnownAt`: only events recorded up to that instant. Without
 * it, the whole stream.
 */
export const readStreamAsKnown = async (store: EventStore, stream: string, asKnownAt?: string): Promise<StoredEvent[]> => {
  const events = await store.readStream(stream);
  if (asKnownAt === undefined) return events;
  const limit = Date.parse(asKnownAt);
  return events.filter((event) => Date.parse(event.recordedAt) <= limit);
};
