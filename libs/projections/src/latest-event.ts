import { LATEST_SCHEMA_VERSIONS, upcastDomainEvent } from '@mandate-ledger/domain';
import type { StoredEvent } from '@mandate-ledger/event-store';
import { ProjectionError } from './projection';

/**
 * The stored event as its decider reads it: lifted to the latest shape, whether the store it came
 * from registered the upcasters or not. A version this code does not know stops the projection
 * rather than being guessed at.
 */
export const latestDomainEvent = <Event>(event: StoredEvent, readModel: string): Event => {
  const latest = upcastDomainEvent({ type: event.type, schemaVersion: event.schemaVersion, data: event.data });
  if (latest.schemaVersion !== LATEST_SCHEMA_VERSIONS[event.type as keyof typeof LATEST_SCHEMA_VERSIONS])
    throw new ProjectionError(`${readModel} does not know schemaVersion ${event.schemaVersion} of ${event.type}`);
  return latest as unknown as Event;
};
