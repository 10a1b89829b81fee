import type Database from 'better-sqlite3';

/** One forward-only schema step of a component; applied once, in order, at start. */
export interface SqliteMigration {
  readonly version: number;
  readonly sql: string;
}

/**
 * Brings a component's tables to the latest version inside one immediate transaction, so two
 * processes starting at once cannot both apply a step.
 */
export const migrateSqlite = (db: Database.Database, component: string, migrations: readonly SqliteMigration[]): void => {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    component TEXT NOT NULL,
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (component, version)
  )`);
  db.transaction(() => {
    const row = db
      .prepare('SELECT coalesce(max(version), 0) AS version FROM schema_migrations WHERE component = ?')
      .get(component) as { version: number };
    for (const migration of migrations) {
      if (migration.version <= row.version) continue;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)').run(
        component,
        migration.version,
        new Date().toISOString(),
      );
    }
  }).immediate();
};
