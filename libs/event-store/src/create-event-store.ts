import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
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

/** A store opened with the connection it writes through, for tables kept beside the log on that connection (the audit tree). */
export type StoreWithConnection =
  | { readonly kind: 'sqlite'; readonly store: EventStore; readonly database: Database.Database }
  | { readonly kind: 'postgres'; readonly store: EventStore; readonly pool: Pool };

/**
 * Opens the configured SQL store without upcasters (what is stored, not what the domain reads)
 * with its connection: the SQLite store's own, or a pool of `poolSize` connections that the caller
 * ends after closing the store.
 */
export const openStoreWithConnection = async (config: EventStoreConfig, poolSize: number): Promise<StoreWithConnection> => {
  switch (config.kind) {
    case 'sqlite': {
      const { SqliteEventStore } = await import('./sqlite/sqlite.event-store');
      const store = SqliteEventStore.open({ path: config.sqlitePath });
      return { kind: 'sqlite', store, database: store.database };
    }
    case 'postgres': {
      const [{ Pool }, { PostgresEventStore }] = await Promise.all([import('pg'), import('./postgres/postgres.event-store')]);
      const pool = new Pool({ connectionString: config.databaseUrl, max: poolSize });
      pool.on('error', () => undefined);
      try {
        return { kind: 'postgres', store: await PostgresEventStore.open({ pool, schema: config.databaseSchema }), pool };
      } catch (error) {
        await pool.end();
        throw error;
      }
    }
    case 'esdb':
      throw new Error('EventStoreDB has no SQL connection to share');
  }
};
