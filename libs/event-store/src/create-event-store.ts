import type { EventStoreConfig } from './event-store.config';
import type { EventStore } from './event-store.port';
import type { Upcaster } from './serialization/upcasters';

/**
 * Opens the configured adapter. Adapters are loaded on demand so that the embedded default never
 * loads the `pg` or EventStoreDB client.
 */
export const createEventStore = async (config: EventStoreConfig, upcasters: readonly Upcaster[] = []): Promise<EventStore> => {
  switch (config.kind) {
    case 'sqlite': {
      const { SqliteEventStore } = await import('./sqlite/sqlite.event-store');
      return SqliteEventStore.open({ path: config.sqlitePath, upcasters });
    }
    case 'postgres': {
      const { PostgresEventStore } = await import('./postgres/postgres.event-store');
      return PostgresEventStore.open({ connectionString: config.databaseUrl, schema: config.databaseSchema, upcasters });
    }
    case 'esdb': {
      const { EsdbEventStore } = await import('./esdb/esdb.event-store');
      return EsdbEventStore.open({ connectionString: config.esdbConnectionString!, upcasters });
    }
  }
};
