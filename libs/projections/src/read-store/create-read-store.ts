import type { ReadStoreConfig } from './read-store.config';
import type { ReadStore } from './read-store.port';

/** Opens the configured read store; adapters load on demand, so the embedded default never loads `pg`. */
export const createReadStore = async (config: ReadStoreConfig): Promise<ReadStore> => {
  switch (config.kind) {
    case 'sqlite': {
      const { SqliteReadStore } = await import('./sqlite.read-store');
      return SqliteReadStore.open({ path: config.sqlitePath });
    }
    case 'postgres': {
      const { PostgresReadStore } = await import('./postgres.read-store');
      return PostgresReadStore.open({ connectionString: config.databaseUrl!, schema: config.databaseSchema });
    }
  }
};
