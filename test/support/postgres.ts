import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client, escapeIdentifier } from 'pg';

const root = join(__dirname, '..', '..');

/** The database the PostgreSQL suites use; each test file works in a schema of its own. */
export const postgresTestUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Connects once in a child process: jest collects tests synchronously, so a spec cannot await a probe.
const PROBE = `
  const { Client } = require('pg');
  const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
  client.connect().then(() => client.query('SELECT 1')).then(() => client.end()).then(
    () => process.exit(0),
    (error) => { process.stderr.write(String(error && error.message || error)); process.exit(1); },
  );`;

/** Why PostgreSQL cannot be reached at {@link postgresTestUrl}, or `undefined` when it answers. */
export const postgresUnavailable = (): string | undefined => {
  const probe = spawnSync(process.execPath, ['-e', PROBE, postgresTestUrl], { cwd: root, encoding: 'utf8', timeout: 10_000 });
  if (probe.status === 0) return undefined;
  return probe.error?.message ?? (probe.stderr.trim() || `probe ended with ${probe.signal ?? probe.status}`);
};

/**
 * Declares a suite that needs PostgreSQL. When it is unreachable the suite is skipped with one
 * warning line saying why, or fails when `REQUIRE_POSTGRES=1` (as in CI).
 */
export const describeWithPostgres = (suite: string, body: () => void): void => {
  const reason = postgresUnavailable();
  if (reason === undefined) return body();
  if (process.env.REQUIRE_POSTGRES === '1') {
    describe(suite, () => {
      it('reaches PostgreSQL (REQUIRE_POSTGRES=1)', () => {
        throw new Error(`PostgreSQL is unreachable: ${reason}`);
      });
    });
    return;
  }
  // Straight to stderr: jest drops the console output of a fully skipped file when it runs several.
  process.stderr.write(`${suite} skipped: ${reason}\n`);
  describe.skip(`${suite} (no PostgreSQL)`, body);
};

/** A fresh schema name for one test file; the store under test creates it. */
export const testSchemaName = (): string => `ml_test_${randomBytes(6).toString('hex')}`;

const withClient = async <T>(use: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
};

/** Drops a test file's schema and everything in it. */
export const dropTestSchema = (schema: string): Promise<void> =>
  withClient(async (client) => void (await client.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`)));

/**
 * Global reads wait for every older writing transaction in the cluster, so a test that holds one
 * open on purpose would hold back suites in parallel jest workers that expect an append to be
 * readable at once. Such tests take this lock `exclusive`; the other suites take it `shared`.
 * Resolves with the function that releases it.
 */
export const lockOpenTransactionTests = async (mode: 'shared' | 'exclusive'): Promise<() => Promise<void>> => {
  const client = new Client({ connectionString: postgresTestUrl });
  await client.connect();
  await client.query(
    `SELECT ${mode === 'shared' ? 'pg_advisory_lock_shared' : 'pg_advisory_lock'}(hashtext('mandate-ledger tests'), hashtext('open transactions'))`,
  );
  // Ending the session releases the lock.
  return () => client.end();
};

/** An app's environment for a suite, and what undoes it afterwards. */
export interface AppSetup {
  readonly env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

/** The embedded default: the app's own temp folder, nothing to undo. */
export const sqliteAppSetup = async (): Promise<AppSetup> => ({ env: {}, dispose: async () => undefined });

/**
 * The app on PostgreSQL (event store and read store) in a fresh schema, holding the `shared` lock
 * of {@link lockOpenTransactionTests}: such suites expect every append to be readable at once.
 */
export const postgresAppSetup = async (): Promise<AppSetup> => {
  const schema = testSchemaName();
  const unlock = await lockOpenTransactionTests('shared');
  return {
    env: { EVENT_STORE: 'postgres', DATABASE_URL: postgresTestUrl, DATABASE_SCHEMA: schema },
    dispose: async () => {
      await dropTestSchema(schema);
      await unlock();
    },
  };
};
