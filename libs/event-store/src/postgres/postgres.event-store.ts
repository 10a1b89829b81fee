import { createHash } from 'node:crypto';
import { escapeIdentifier, Pool, type ClientBase, types } from 'pg';
import { int8ParsedAs, migratePostgres, type PostgresMigration } from '@mandate-ledger/storage';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
} from '../event-store.port';
import { satisfies } from '../serialization/expected-revision';
import { originalResultOf, type StoredIdentity } from '../serialization/idempotency';
import { AppendSignal, pollingSubscription } from '../serialization/polling-subscription';
import { UpcasterChain, type Upcaster } from '../serialization/upcasters';
import { validateAppend } from '../serialization/validate-append';

/** Positions and revisions are int8: read as bigints. */
const PG_BIGINTS = int8ParsedAs(types, BigInt);

export interface PostgresEventStoreOptions {
  /** Where to connect; the store creates its own pool and ends it on `close()`. */
  readonly connectionString?: string;
  /** A pool owned by the caller, used instead of `connectionString` and left open on `close()`. */
  readonly pool?: Pool;
  /** PostgreSQL schema holding the tables, created if missing. Default `public`. */
  readonly schema?: string;
  readonly upcasters?: readonly Upcaster[];
  /** How often a subscriber looks for appends made by other processes. Default 50 ms. */
  readonly pollIntervalMs?: number;
  /** Connections of the pool the store creates. Default 10. */
  readonly poolSize?: number;
}

// A position is (transaction id << 16) + the event's index in its append: see docs/postgres-global-order.md.
const MAX_BATCH = 65_536;
const MAX_READ = 10_000;
// Retries when a concurrent writer took the revisions this append computed (`any`, `stream_exists`).
const MAX_ATTEMPTS = 20;
const MAX_REVISION = 2n ** 63n - 1n;

const MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        position       bigint      NOT NULL,
        id             uuid        NOT NULL,
        stream         text        NOT NULL,
        revision       bigint      NOT NULL,
        type           text        NOT NULL,
        schema_version integer     NOT NULL,
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL,
        recorded_at    timestamptz NOT NULL,
        CONSTRAINT events_pkey PRIMARY KEY (position),
        CONSTRAINT events_id UNIQUE (id),
        CONSTRAINT events_stream_revision UNIQUE (stream, revision)
      );`,
  },
];

interface EventRow {
  position: bigint;
  id: string;
  stream: string;
  revision: bigint;
  type: string;
  schema_version: number;
  data: StoredEvent['data'];
  metadata: StoredEvent['metadata'];
  recorded_at: Date;
}

const COLUMNS = 'position, id, stream, revision, type, schema_version, data, metadata, recorded_at';

/** The append statement, reading its events from `source` (columns id, type, schema_version, data, metadata, n). */
const appendSql = (events: string, source: string): string => `
  INSERT INTO ${events} (${COLUMNS})
  SELECT (pg_current_xact_id()::text::bigint << 16) + e.n - 1, e.id, $1::text, coalesce(last.r, -1) + e.n,
         e.type, e.schema_version, e.data, e.metadata, date_trunc('milliseconds', now())
  FROM (SELECT max(revision) AS r FROM ${events} WHERE stream = $1::text) AS last,
       ${source} AS e(id, type, schema_version, data, metadata, n)
  WHERE CASE $7::text
    WHEN 'any' THEN true
    WHEN 'no_stream' THEN last.r IS NULL
    WHEN 'stream_exists' THEN last.r IS NOT NULL
    ELSE last.r = $8::bigint
  END
  RETURNING revision, position`;

// Prepared once per connection; named after their text so that stores on two schemas can share a pool.
const prepared = (text: string) => ({ name: `ml_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text });

/**
 * Positions come from transaction ids, so a log copied into another cluster (pg_dump and restore)
 * whose transaction counter is behind would give new events positions below the old ones, and
 * readers past those would never see them. Refuse to start rather than lose events.
 */
const refuseLogAheadOfTransactionIds = async (pool: Pool, schema: string): Promise<void> => {
  const { rows } = await pool.query<{ ahead: boolean | null }>(
    `SELECT max(position) >= (pg_snapshot_xmax(pg_current_snapshot())::text::bigint << 16) AS ahead FROM ${escapeIdentifier(schema)}.events`,
  );
  if (rows[0].ahead) {
    throw new Error(
      `The event log in schema ${schema} has positions beyond this cluster's transaction ids (restored from another cluster?): ` +
        'new events would sort before stored ones. See docs/postgres-global-order.md.',
    );
  }
};

const isUniqueViolation = (error: unknown): error is Error & { constraint?: string } =>
  error instanceof Error && (error as { code?: string }).code === '23505';

/**
 * PostgreSQL adapter. Writers are never serialized by a lock: a position is derived from the id of
 * the transaction that wrote the event, and global reads stop below the oldest transaction still
 * running, so a reader never skips an event that commits later with a lower position.
 */
export class PostgresEventStore implements EventStore {
  private readonly appended: AppendSignal;
  private readonly upcasters: UpcasterChain;
  private readonly sql;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    schema: string,
    options: PostgresEventStoreOptions,
  ) {
    this.appended = new AppendSignal(options.pollIntervalMs ?? 50);
    this.upcasters = new UpcasterChain(options.upcasters);
    const events = `${escapeIdentifier(schema)}.events`;
    // Every transaction with an id below the snapshot's xmin has ended (committed or aborted), and any
    // still running or yet to start has an id >= xmin, so its events sort after this bound: below it
    // the log is final and a reader stopping there never skips a late commit. The price: a long
    // writing transaction anywhere in the cluster holds readers back (they wait, never skip).
    const readable = `(SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16)`;
    this.sql = {
      // One statement, hence one round trip and atomic in autocommit: it writes only if the expectation holds.
      // A single event is passed as scalars: decoding one-element arrays cost a quarter of the append rate.
      appendOne: prepared(appendSql(events, `(VALUES ($2::uuid, $3::text, $4::int, $5::jsonb, $6::jsonb, 1::bigint))`)),
      appendMany: prepared(appendSql(events, `unnest($2::uuid[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY`)),
      lastRevision: `SELECT max(revision) AS revision FROM ${events} WHERE stream = $1`,
      identities: `SELECT id, stream, revision, position FROM ${events} WHERE id = ANY($1::uuid[])`,
      forwards: `SELECT ${COLUMNS} FROM ${events} WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      backwards: `SELECT ${COLUMNS} FROM ${events} WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
      all: `SELECT ${COLUMNS} FROM ${events} WHERE position > $1 AND position < ${readable} ORDER BY position LIMIT $2`,
      head: `SELECT max(position) AS position FROM ${events} WHERE position < ${readable}`,
    };
  }

  /** Connects (or takes the given pool), creates the schema if missing and migrates the tables. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    if (!options.pool && !options.connectionString) throw new Error('PostgresEventStore needs a connectionString or a pool');
    const pool = options.pool ?? new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle connection that breaks (server restart) is dropped by the pool; unhandled, the event would crash the process.
    if (!options.pool) pool.on('error', () => undefined);
    const schema = options.schema ?? 'public';
    try {
      await migratePostgres(pool, schema, 'event_store', MIGRATIONS);
      await refuseLogAheadOfTransactionIds(pool, schema);
    } catch (error) {
      if (!options.pool) await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, !options.pool, schema, options);
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(stream, events, expected, MAX_BATCH);
    const result = await this.append(this.pool, stream, events, expected, false);
    this.appended.notify();
    return result;
  }

  /**
   * Appends on a client the caller has put in a transaction: the events commit or roll back with
   * it and reach global readers only when it ends. Positions derive from the transaction id, so a
   * transaction holds at most one append. A failed attempt is undone to a savepoint, leaving the
   * caller's transaction usable.
   */
  async appendWithin(client: ClientBase, stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(stream, events, expected, MAX_BATCH);
    return this.append(client, stream, events, expected, true);
  }

  private async append(
    db: Pool | ClientBase,
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    inTransaction: boolean,
  ): Promise<AppendResult> {
    const one = events.length === 1;
    const column = <T>(pick: (e: EventToAppend) => T): T | T[] => (one ? pick(events[0]) : events.map(pick));
    const values = [
      stream,
      column((e) => e.id),
      column((e) => e.type),
      column((e) => e.schemaVersion),
      column((e) => JSON.stringify(e.data)),
      column((e) => JSON.stringify(e.metadata)),
      typeof expected === 'bigint' ? 'exact' : expected,
      typeof expected === 'bigint' ? expected : null,
    ];
    const statement = one ? this.sql.appendOne : this.sql.appendMany;
    for (let attempt = 1; ; attempt++) {
      const result = await this.insert(db, statement, values, inTransaction);
      if (result) return result;
      // Ids are looked up only when the append failed: a retried command is rare, a lookup per append is not.
      const stored = await this.storedIdentities(db, events);
      if (stored.length > 0) return originalResultOf(stream, events, stored);
      const last = await this.lastRevision(db, stream);
      // Still satisfied: a concurrent writer took the revisions we computed, or moved the stream meanwhile.
      if (!satisfies(expected, last) || attempt === MAX_ATTEMPTS) {
        throw new WrongExpectedRevisionError(stream, expected, last ?? 'no_stream');
      }
    }
  }

  /** Runs the append statement once; `undefined` when the expectation failed or a unique key was taken. */
  private async insert(
    db: Pool | ClientBase,
    statement: { name: string; text: string },
    values: unknown[],
    inTransaction: boolean,
  ): Promise<AppendResult | undefined> {
    if (inTransaction) await db.query('SAVEPOINT ml_append');
    try {
      const { rows } = await db.query<AppendResult>({
        ...statement,
        values,
        types: PG_BIGINTS,
      });
      if (inTransaction) await db.query('RELEASE SAVEPOINT ml_append');
      // No row: the expectation failed. Otherwise the last event has both the highest revision and position.
      return rows.reduce<AppendResult | undefined>((last, row) => (last && last.revision > row.revision ? last : row), undefined);
    } catch (error) {
      // Undone so the caller's transaction stays usable; if that fails too, the original error matters more.
      if (inTransaction) await db.query('ROLLBACK TO SAVEPOINT ml_append').catch(() => undefined);
      if (!isUniqueViolation(error)) throw error;
      if (error.constraint === 'events_pkey') {
        throw new Error('A transaction holds at most one append: positions derive from its transaction id');
      }
      return undefined;
    }
  }

  private async storedIdentities(db: Pool | ClientBase, events: readonly EventToAppend[]): Promise<StoredIdentity[]> {
    const { rows } = await db.query<StoredIdentity>({ text: this.sql.identities, values: [events.map((e) => e.id)], types: PG_BIGINTS });
    return rows;
  }

  private async lastRevision(db: Pool | ClientBase, stream: string): Promise<bigint | null> {
    const { rows } = await db.query<{ revision: bigint | null }>({ text: this.sql.lastRevision, values: [stream], types: PG_BIGINTS });
    return rows[0].revision;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? MAX_REVISION : 0n);
    return this.read(backwards ? this.sql.backwards : this.sql.forwards, [stream, from, options.maxCount ?? null]);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.read(this.sql.all, [options.after ?? -1n, Math.min(options.maxCount ?? MAX_READ, MAX_READ)]);
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return pollingSubscription((o) => this.readAll(o), this.appended, { ...options, batchSize: 1000 });
  }

  async headPosition(): Promise<bigint | undefined> {
    const { rows } = await this.pool.query<{ position: bigint | null }>({ text: this.sql.head, types: PG_BIGINTS });
    return rows[0].position ?? undefined;
  }

  onAppended(listener: () => void): () => void {
    return this.appended.listen(listener);
  }

  wakeSubscriptions(): void {
    this.appended.notify();
  }

  async close(): Promise<void> {
    this.appended.notify();
    if (this.ownsPool && !this.closed) {
      this.closed = true;
      await this.pool.end();
    }
  }

  private async read(text: string, values: unknown[]): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>({ text, values, types: PG_BIGINTS });
    return rows.map((row) => this.toStoredEvent(row));
  }

  private toStoredEvent(row: EventRow): StoredEvent {
    const event: StoredEvent = {
      position: row.position,
      id: row.id,
      stream: row.stream,
      revision: row.revision,
      type: row.type,
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
      recordedAt: row.recorded_at.toISOString(),
    };
    return this.upcasters.isEmpty ? event : this.upcasters.apply(event);
  }
}
