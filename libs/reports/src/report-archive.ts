import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { EventStoreConfig } from '@mandate-ledger/event-store';
import { createPrivateFile, migratePostgres, migrateSqlite, quoteIdentifier } from '@mandate-ledger/storage';

/** The exact bytes of an issued report, keyed by their SHA-256, with what to serve them as. */
export interface ArchivedReport {
  readonly sha256: string;
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly fileName: string;
}

/**
 * Where the bytes of issued reports are kept, so that `GET …/reports/:reportId` serves the very file
 * that was issued: content-addressed (by the SHA-256 that `ComplianceReportIssued` records), written
 * once, never changed. Unlike the read models it cannot be rebuilt from the log (a PDF depends on
 * the fonts, the layout and the checkpoint of its day), so it lives beside the log: in the event
 * store's database, or, with EventStoreDB, in PostgreSQL (`DATABASE_URL`) or `report-archive.db`.
 */
export interface ReportArchive {
  /** Keeps the bytes (once: the same SHA-256 again is a no-op). */
  keep(report: ArchivedReport): Promise<void>;
  find(sha256: string): Promise<ArchivedReport | undefined>;
  close(): Promise<void>;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const assertHash = ({ sha256, bytes }: ArchivedReport): void => {
  if (sha256Of(bytes) !== sha256) throw new Error(`The bytes to keep do not hash to ${sha256}`);
};

const SQLITE_MIGRATIONS = [
  {
    version: 1,
    sql: `
      CREATE TABLE report_files (
        sha256       TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        content_type TEXT NOT NULL,
        file_name    TEXT NOT NULL,
        bytes        BLOB NOT NULL,
        kept_at      TEXT NOT NULL
      );
      CREATE TRIGGER report_files_no_update BEFORE UPDATE ON report_files
      BEGIN SELECT RAISE(ABORT, 'report_files is append-only: UPDATE refused'); END;
      CREATE TRIGGER report_files_no_delete BEFORE DELETE ON report_files
      BEGIN SELECT RAISE(ABORT, 'report_files is append-only: DELETE refused'); END;`,
  },
];

const POSTGRES_MIGRATIONS = [
  {
    version: 1,
    sql: `
      CREATE TABLE report_files (
        sha256       text        PRIMARY KEY CHECK (length(sha256) = 64),
        content_type text        NOT NULL,
        file_name    text        NOT NULL,
        bytes        bytea       NOT NULL,
        kept_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE FUNCTION report_files_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'report_files is append-only: % refused', TG_OP; END $$;
      CREATE TRIGGER report_files_append_only BEFORE UPDATE OR DELETE ON report_files
      FOR EACH ROW EXECUTE FUNCTION report_files_append_only();`,
  },
];

interface FileRow {
  sha256: string;
  content_type: string;
  file_name: string;
  bytes: Buffer;
}

const archived = (row: FileRow): ArchivedReport => ({ sha256: row.sha256, bytes: row.bytes, contentType: row.content_type, fileName: row.file_name });

/** In a SQLite file (the events' own, on a connection of its own). */
export const openSqliteReportArchive = async (file: string): Promise<ReportArchive> => {
  const { default: Database } = await import('better-sqlite3');
  createPrivateFile(file);
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  migrateSqlite(db, 'report_archive', SQLITE_MIGRATIONS);
  const insert = db.prepare('INSERT INTO report_files (sha256, content_type, file_name, bytes, kept_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
  const select = db.prepare('SELECT sha256, content_type, file_name, bytes FROM report_files WHERE sha256 = ?');
  return {
    keep: async (report) => {
      assertHash(report);
      insert.run(report.sha256, report.contentType, report.fileName, report.bytes, new Date().toISOString());
    },
    find: async (sha256) => {
      const row = select.get(sha256) as FileRow | undefined;
      return row && archived(row);
    },
    close: async () => void db.close(),
  };
};

/** In a PostgreSQL schema, on a small pool of its own. */
export const openPostgresReportArchive = async (connectionString: string, schema: string): Promise<ReportArchive> => {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString, max: 2 });
  try {
    await migratePostgres(pool, schema, 'report_archive', POSTGRES_MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const table = `${quoteIdentifier(schema)}.report_files`;
  return {
    keep: async (report) => {
      assertHash(report);
      await pool.query(`INSERT INTO ${table} (sha256, content_type, file_name, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`, [
        report.sha256,
        report.contentType,
        report.fileName,
        report.bytes,
      ]);
    },
    find: async (sha256) => {
      const { rows } = await pool.query<FileRow>(`SELECT sha256, content_type, file_name, bytes FROM ${table} WHERE sha256 = $1`, [sha256]);
      return rows[0] && archived(rows[0]);
    },
    close: () => pool.end(),
  };
};

/** The archive beside the configured log (see {@link ReportArchive}). */
export const openReportArchive = (config: EventStoreConfig): Promise<ReportArchive> => {
  switch (config.kind) {
    case 'sqlite':
      return openSqliteReportArchive(config.sqlitePath);
    case 'postgres':
      return openPostgresReportArchive(config.databaseUrl!, config.databaseSchema);
    case 'esdb':
      return config.databaseUrl
        ? openPostgresReportArchive(config.databaseUrl, config.databaseSchema)
        : openSqliteReportArchive(join(config.dataDir, 'report-archive.db'));
  }
};
