import Database from 'better-sqlite3';
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
import { originalResultOf, type StoredIdentity } from '../serialization/idempotency';
import { AppendSignal, pollingSubscription } from '../serialization/polling-subscription';
import { UpcasterChain, type Upcaster } from '../serialization/upcasters';
import { satisfies } from '../serialization/expected-revision';
import { validateAppend } from '../serialization/validate-append';
import { createPrivateFile, migrateSqlite, type SqliteMigration } from '@mandate-ledger/storage';

export interface SqliteEventStoreOptions {
  /** File path of the database; its folder is created if missing. */
  readonly path: string;
  readonly upcasters?: readonly Upcaster[];
  /** How often a subscriber looks for appends made by other processes. Default 50 ms. */
  readonly pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock. Default 5 s. */
  readonly busyTimeoutMs?: number;
}

const MAX_BATCH = 10_000;
const MAX_READ = 10_000;

const MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        position       INTEGER PRIMARY KEY,
        id             TEXT    NOT NULL UNIQUE,
        stream         TEXT    NOT NULL,
        revision       INTEGER NOT NULL,
        type           TEXT    NOT NULL,
        schema_version INTEGER NOT NULL,
        data           TEXT    NOT NULL,
        metadata       TEXT    NOT NULL,
        recorded_at    TEXT    NOT NULL,
        CONSTRAINT events_stream_revision UNIQUE (stream, revision)
      );`,
  },
];

interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** An append waiting for the next group commit. */
interface PendingAppend {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type AppendOutcome = { readonly result: AppendResult } | { readonly error: unknown };

const COLUMNS = 'position, id, stream, revision, type, schema_version, data, metadata, recorded_at';

const isUniqueViolation = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * The embedded default: one SQLite file in WAL mode with `synchronous=FULL`, so an acknowledged
 * append survives a crash of the process or the machine. SQLite serializes writers, so positions
 * are assigned in commit order and a reader can never see a later position before an earlier one.
 *
 * Group commit: the appends this process makes while its event loop is busy are committed together
 * at the next turn, one transaction and one `fsync` for all of them, each in its own savepoint, so
 * that one append's conflict never undoes another's. None is acknowledged before that commit.
 */
export class SqliteEventStore implements EventStore {
  private readonly appended: AppendSignal;
  private readonly upcasters: UpcasterChain;
  private readonly statements;
  private readonly appendInTransaction;
  private readonly appendAllInTransaction;
  private queue: PendingAppend[] = [];

  private constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions,
  ) {
    this.appended = new AppendSignal(options.pollIntervalMs ?? 50);
    this.upcasters = new UpcasterChain(options.upcasters);
    const prepare = (sql: string) => db.prepare(sql).safeIntegers(true);
    // Positions and revisions stay far below 2^53 in SQLite (rowids of one file), so the hot read
    // paths take plain numbers and make bigints once per row, which is cheaper than safeIntegers.
    const prepareRows = (sql: string) => db.prepare(sql);
    this.statements = {
      lastRevision: prepare('SELECT max(revision) AS revision FROM events WHERE stream = ?').pluck(),
      insert: prepare(
        `INSERT INTO events (id, stream, revision, type, schema_version, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      identity: prepare('SELECT id, stream, revision, position FROM events WHERE id = ?'),
      forwards: prepareRows(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`),
      // Without a LIMIT: a whole stream (every command's read) in a third of the time (3 µs against 10 for an empty one).
      wholeStream: prepareRows(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision`),
      backwards: prepareRows(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`),
      all: prepareRows(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      head: prepare('SELECT max(position) FROM events').pluck(),
    };
    this.appendInTransaction = db.transaction((stream: string, events: readonly EventToAppend[], expected: ExpectedRevision) =>
      this.insertBatch(stream, events, expected),
    );
    // A transaction function called inside another one runs in a savepoint (better-sqlite3).
    this.appendAllInTransaction = db.transaction((pending: readonly PendingAppend[]): AppendOutcome[] =>
      pending.map(({ stream, events, expected }) => {
        try {
          return { result: this.appendInTransaction(stream, events, expected) };
        } catch (error) {
          return { error };
        }
      }),
    );
  }

  /** Opens (creating and migrating if needed) the store at `options.path`. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    if (options.path !== ':memory:') createPrivateFile(options.path);
    const db = new Database(options.path);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrateSqlite(db, 'event_store', MIGRATIONS);
    return new SqliteEventStore(db, options);
  }

  /** The underlying connection, for components that keep their tables in the same file. */
  get database(): Database.Database {
    return this.db;
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(stream, events, expected, MAX_BATCH);
    return new Promise((resolve, reject) => {
      this.queue.push({ stream, events, expected, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  /** Commits every queued append in one transaction, then settles each. */
  private commitQueued(): void {
    const pending = this.queue;
    this.queue = [];
    if (pending.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.appendAllInTransaction.immediate(pending);
    } catch (error) {
      // The commit itself failed (the write lock not obtained, a full disk): nothing was appended.
      for (const append of pending) append.reject(error);
      return;
    }
    this.appended.notify();
    pending.forEach((append, i) => {
      const outcome = outcomes[i];
      if ('result' in outcome) append.resolve(outcome.result);
      else this.settleRefused(append, outcome.error);
    });
  }

  private settleRefused({ stream, events, expected, resolve, reject }: PendingAppend, error: unknown): void {
    try {
      // Ids are looked up only when the append failed: a retried command is rare, a lookup per event is not.
      const stored = this.storedIdentities(events);
      if (stored.length > 0) resolve(originalResultOf(stream, events, stored));
      else reject(isUniqueViolation(error) ? this.conflict(stream, expected) : error);
    } catch (lookupError) {
      reject(lookupError);
    }
  }

  private insertBatch(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult {
    const last = this.statements.lastRevision.get(stream) as bigint | null;
    if (!satisfies(expected, last)) throw new WrongExpectedRevisionError(stream, expected, last ?? 'no_stream');
    const recordedAt = new Date().toISOString();
    let revision = last ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision++;
      const info = this.statements.insert.run(
        event.id,
        stream,
        revision,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = BigInt(info.lastInsertRowid);
    }
    return { revision, position };
  }

  private storedIdentities(events: readonly EventToAppend[]): StoredIdentity[] {
    return events
      .map((event) => this.statements.identity.get(event.id) as StoredIdentity | undefined)
      .filter((found): found is StoredIdentity => found !== undefined);
  }

  private conflict(stream: string, expected: ExpectedRevision): WrongExpectedRevisionError {
    const last = this.statements.lastRevision.get(stream) as bigint | null;
    return new WrongExpectedRevisionError(stream, expected, last ?? 'no_stream');
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(stream, options.fromRevision ?? BigInt(Number.MAX_SAFE_INTEGER), limit)
        : options.maxCount === undefined
          ? this.statements.wholeStream.all(stream, options.fromRevision ?? 0n)
          : this.statements.forwards.all(stream, options.fromRevision ?? 0n, limit);
    return (rows as EventRow[]).map((row) => this.toStoredEvent(row));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const rows = this.statements.all.all(options.after ?? 0n, Math.min(options.maxCount ?? MAX_READ, MAX_READ)) as EventRow[];
    return rows.map((row) => this.toStoredEvent(row));
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return pollingSubscription((o) => this.readAll(o), this.appended, { ...options, batchSize: 1000 });
  }

  async headPosition(): Promise<bigint | undefined> {
    return (this.statements.head.get() as bigint | null) ?? undefined;
  }

  onAppended(listener: () => void): () => void {
    return this.appended.listen(listener);
  }

  wakeSubscriptions(): void {
    this.appended.notify();
  }

  async close(): Promise<void> {
    if (this.db.open) this.commitQueued();
    this.appended.notify();
    if (this.db.open) this.db.close();
  }

  private toStoredEvent(row: EventRow): StoredEvent {
    const event: StoredEvent = {
      position: BigInt(row.position),
      id: row.id,
      stream: row.stream,
      revision: BigInt(row.revision),
      type: row.type,
      schemaVersion: row.schema_version,
      data: JSON.parse(row.data),
      metadata: JSON.parse(row.metadata),
      recordedAt: row.recorded_at,
    };
    return this.upcasters.isEmpty ? event : this.upcasters.apply(event);
  }
}
