import { join } from 'node:path';
import { createEventStore, type EventStore, type EventStoreConfig, openStoreWithConnection } from '@mandate-ledger/event-store';
import type { AuditStore } from './audit-store.port';
import { SQL_LOG_START } from './log-verifier';

/** The global log in stored form and the tree over it, opened together for sealing and verifying. */
export interface AuditedLog {
  /** The event store without upcasters: leaves hash what is stored, not what the domain reads. */
  readonly events: EventStore;
  readonly audit: AuditStore;
  /** Exclusive start of a full read of the log (below every position in SQL stores). */
  readonly readFrom?: bigint;
  close(): Promise<void>;
}

/**
 * Opens the configured event store (without upcasters) and the audit store beside it: in the same
 * SQLite file on the same connection, or in the same PostgreSQL schema on a small pool of its own.
 * With EventStoreDB the tree lives in PostgreSQL when `DATABASE_URL` is set, else in `audit.db`
 * in the data folder, and the sealer follows `$all` into it.
 */
export const openAuditedLog = async (config: EventStoreConfig): Promise<AuditedLog> => {
  switch (config.kind) {
    case 'sqlite':
      return openSqlite(config);
    case 'postgres':
      return openPostgres(config);
    case 'esdb':
      return openEsdb(config);
  }
};

const openSqlite = async (config: EventStoreConfig): Promise<AuditedLog> => {
  const { SqliteAuditStore } = await import('./sqlite/sqlite.audit-store');
  const opened = await openStoreWithConnection(config, 0);
  if (opened.kind !== 'sqlite') throw new Error('expected the SQLite store');
  const events = opened.store;
  try {
    const audit = SqliteAuditStore.open(opened.database, { guardEvents: true });
    return { events, audit, readFrom: SQL_LOG_START, close: () => closeAll(audit, events) };
  } catch (error) {
    await events.close();
    throw error;
  }
};

const openPostgres = async (config: EventStoreConfig): Promise<AuditedLog> => {
  const { PostgresAuditStore } = await import('./postgres/postgres.audit-store');
  // Reads, seals and the sealer's lock: a few connections, apart from the application's pool.
  const opened = await openStoreWithConnection(config, 4);
  if (opened.kind !== 'postgres') throw new Error('expected the PostgreSQL store');
  const { store: events, pool } = opened;
  try {
    const audit = await PostgresAuditStore.open({ pool, schema: config.databaseSchema, guardEvents: true });
    return { events, audit, readFrom: SQL_LOG_START, close: () => closeAll(audit, events, { close: () => pool.end() }) };
  } catch (error) {
    await events.close();
    await pool.end();
    throw error;
  }
};

const openEsdb = async (config: EventStoreConfig): Promise<AuditedLog> => {
  const events = await createEventStore(config);
  try {
    const audit = config.databaseUrl
      ? await (await import('./postgres/postgres.audit-store')).PostgresAuditStore.open({
          connectionString: config.databaseUrl,
          schema: config.databaseSchema,
          guardEvents: false,
        })
      : (await import('./sqlite/sqlite.audit-store')).SqliteAuditStore.openFile(join(config.dataDir, 'audit.db'));
    return { events, audit, close: () => closeAll(audit, events) };
  } catch (error) {
    await events.close();
    throw error;
  }
};

const closeAll = async (...closables: { close(): Promise<void> }[]): Promise<void> => {
  for (const closable of closables) await closable.close();
};
