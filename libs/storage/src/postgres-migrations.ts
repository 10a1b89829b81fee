import type { Pool } from 'pg';

/** A quoted SQL identifier, as pg's `escapeIdentifier` makes it: this library loads no driver. */
export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** One forward-only schema step of a component; applied once, in order, at start. */
export interface PostgresMigration {
  readonly version: number;
  /** Runs with `search_path` set to the target schema, so it names tables without a schema. */
  readonly sql: string;
}

const appliedVersion = async (pool: Pool, quoted: string, component: string): Promise<number> => {
  try {
    const { rows } = await pool.query<{ version: number }>(
      `SELECT coalesce(max(version), 0) AS version FROM ${quoted}.schema_migrations WHERE component = $1`,
      [component],
    );
    return rows[0].version;
  } catch (error) {
    // 3F000: no such schema, 42P01: no such table: nothing applied yet.
    if (['3F000', '42P01'].includes((error as { code?: string }).code ?? '')) return 0;
    throw error;
  }
};

/**
 * Brings a component's tables in `schema` (created if missing) to the latest version inside one
 * transaction. The advisory lock makes a second process starting at once wait, then find the
 * steps already recorded, instead of applying them twice.
 */
export const migratePostgres = async (
  pool: Pool,
  schema: string,
  component: string,
  migrations: readonly PostgresMigration[],
): Promise<void> => {
  const quoted = quoteIdentifier(schema);
  // Up to date: no lock and no DDL, so a role with only data rights can open a schema migrated by its owner.
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  if ((await appliedVersion(pool, quoted, component)) >= latest) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Taken before the schema is created: two sessions creating it at once, one fails on a unique violation.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('schema_migrations'), hashtext($1))`, [schema]);
    // Looked up first: even with IF NOT EXISTS, CREATE SCHEMA needs the CREATE right on the database,
    // which a least-privilege role working in an existing schema does not have.
    const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (found.rowCount === 0) await client.query(`CREATE SCHEMA ${quoted}`);
    await client.query(`SET LOCAL search_path TO ${quoted}`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      component  text        NOT NULL,
      version    integer     NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const { rows } = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM schema_migrations WHERE component = $1',
      [component],
    );
    for (const migration of migrations) {
      if (migration.version <= rows[0].version) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (component, version) VALUES ($1, $2)', [component, migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
