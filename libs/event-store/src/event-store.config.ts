import { join, resolve } from 'node:path';
import { ConfigurationError } from '@mandate-ledger/storage';

export type EventStoreKind = 'sqlite' | 'postgres' | 'esdb';

/** Where the event log lives; read from the environment by the server and the CLI alike. */
export interface EventStoreConfig {
  readonly kind: EventStoreKind;
  /** Folder for the SQLite file, generated secrets and keys. */
  readonly dataDir: string;
  readonly sqlitePath: string;
  readonly databaseUrl?: string;
  /** PostgreSQL schema holding the tables. */
  readonly databaseSchema: string;
  readonly esdbConnectionString?: string;
}

const KINDS: readonly EventStoreKind[] = ['sqlite', 'postgres', 'esdb'];

/** Reads `EVENT_STORE`, `DATA_DIR`, `SQLITE_PATH`, `DATABASE_URL`, `DATABASE_SCHEMA`, `ESDB_CONNECTION_STRING`. */
export const eventStoreConfigFrom = (env: NodeJS.ProcessEnv): EventStoreConfig => {
  const problems: string[] = [];
  const kind = (env.EVENT_STORE ?? 'sqlite') as EventStoreKind;
  if (!KINDS.includes(kind)) problems.push(`EVENT_STORE must be one of ${KINDS.join(', ')}, got "${env.EVENT_STORE}"`);
  if (kind === 'postgres' && !env.DATABASE_URL) problems.push('EVENT_STORE=postgres needs DATABASE_URL');
  if (kind === 'esdb' && !env.ESDB_CONNECTION_STRING) problems.push('EVENT_STORE=esdb needs ESDB_CONNECTION_STRING');
  const schema = env.DATABASE_SCHEMA ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) problems.push(`DATABASE_SCHEMA must be a plain lower-case identifier, got "${schema}"`);
  if (problems.length > 0) throw new ConfigurationError(problems);
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  return {
    kind,
    dataDir,
    sqlitePath: resolve(env.SQLITE_PATH ?? join(dataDir, 'mandate-ledger.db')),
    databaseUrl: env.DATABASE_URL,
    databaseSchema: schema,
    esdbConnectionString: env.ESDB_CONNECTION_STRING,
  };
};
