import { join, parse } from 'node:path';
import { type EventStoreConfig } from '@mandate-ledger/event-store';
import { ConfigurationError } from '@mandate-ledger/storage';
import type { ReadStoreKind } from './read-store.port';

/** Where the read models live; defaults follow the event store (a SQLite file beside its file, the same PostgreSQL schema). */
export interface ReadStoreConfig {
  readonly kind: ReadStoreKind;
  readonly sqlitePath: string;
  readonly databaseUrl?: string;
  readonly databaseSchema: string;
}

const KINDS: readonly ReadStoreKind[] = ['sqlite', 'postgres'];

/**
 * Reads `READ_STORE` (default `postgres` with the PostgreSQL event store, else `sqlite`: with
 * EventStoreDB the read models and their checkpoints live in SQLite or PostgreSQL),
 * `READ_STORE_SQLITE_PATH` (default {@link defaultReadStorePath}), `READ_STORE_DATABASE_URL` (default
 * `DATABASE_URL`) and `READ_STORE_SCHEMA` (default `DATABASE_SCHEMA`).
 */
export const readStoreConfigFrom = (env: NodeJS.ProcessEnv, eventStore: EventStoreConfig): ReadStoreConfig => {
  const problems: string[] = [];
  const kind = (env.READ_STORE ?? (eventStore.kind === 'postgres' ? 'postgres' : 'sqlite')) as ReadStoreKind;
  if (!KINDS.includes(kind)) problems.push(`READ_STORE must be one of ${KINDS.join(', ')}, got "${env.READ_STORE}"`);
  const databaseUrl = env.READ_STORE_DATABASE_URL ?? eventStore.databaseUrl;
  if (kind === 'postgres' && !databaseUrl) problems.push('READ_STORE=postgres needs READ_STORE_DATABASE_URL or DATABASE_URL');
  const schema = env.READ_STORE_SCHEMA ?? eventStore.databaseSchema;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) problems.push(`READ_STORE_SCHEMA must be a plain lower-case identifier, got "${schema}"`);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { kind, sqlitePath: env.READ_STORE_SQLITE_PATH ?? defaultReadStorePath(eventStore.sqlitePath), databaseUrl, databaseSchema: schema };
};

/**
 * A file of its own beside the event store's (`mandate-ledger.db` → `mandate-ledger-read-models.db`):
 * SQLite has one writer per file, and the projectors (on their own thread in the API) must never
 * make an append wait for the write lock, nor wait for it behind the appends.
 */
export const defaultReadStorePath = (eventStorePath: string): string => {
  const { dir, name, ext } = parse(eventStorePath);
  return join(dir, `${name}-read-models${ext}`);
};
