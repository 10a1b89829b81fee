import { DOMAIN_UPCASTERS } from '@mandate-ledger/domain';
import { createEventStore, type EventStore, type EventStoreConfig, type StoredEvent, UpcasterChain } from '@mandate-ledger/event-store';

/**
 * The configured event store as the application reads it: with the domain's upcasters, so that
 * commands and queries see only the latest shape of every event. (The audit tree hashes events as
 * stored, and opens the store without them.)
 */
export const openApplicationEventStore = (config: EventStoreConfig): Promise<EventStore> => createEventStore(config, DOMAIN_UPCASTERS);

const DOMAIN_CHAIN = new UpcasterChain(DOMAIN_UPCASTERS);

/** A stored event in its latest shape, for a reader of the log as stored (the projectors' `upcast`). */
export const latestShapeOf = (event: StoredEvent): StoredEvent => DOMAIN_CHAIN.apply(event);
