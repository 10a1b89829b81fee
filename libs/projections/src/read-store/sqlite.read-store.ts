import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { createPrivateFile, migrateSqlite, type SqliteMigration } from '@mandate-ledger/storage';
import type { ColumnValue, Projection } from '../projection';
import { positionText } from '../positions';
import { failureValues, GENERATION_COLUMNS, generationOf, type GenerationRow, generationsTableSql, stateAfter, tablesOfRow } from './generation-rows';
import type {
  BatchCommit,
  CommitOutcome,
  CurrentDocument,
  Generation,
  GenerationRef,
  LoadedRow,
  ProjectionWriter,
  ReadStore,
  SqlQuery,
  TableChanges,
  TableNames,
} from './read-store.port';
import { documentOfDeltas } from '../runtime/row-deltas';
import { loadedRowOf, type StoredVersion } from './row-versions';
import {
  allTables,
  applyEndTargetsSql,
  END_TARGETS,
  createIndexesSql,
  createTablesSql,
  dropPendingEndsSql,
  dropTablesSql,
  insertColumns,
  loadIndexesSql,
  pendingEndsTable,
  pendingEndTargetsSql,
  quote,
  SQLITE_DIALECT,
  tableNamesOf,
  versionedTables,
  versionKeysSql,
} from './sql-schema';

export interface SqliteReadStoreOptions {
  /** The database file: by default the event store's own (DESIGN §2: one file in the embedded mode). */
  readonly path: string;
  /** How long a writer waits for another process's write lock. Default 5 s. */
  readonly busyTimeoutMs?: number;
  /**
   * How long a projector's lease on a generation lasts without renewal (renewed by every commit, and
   * four times a lease when idle). Another process takes it over once it has expired. Default 3 s: a
   * holder that died is replaced within that and the next look of a runtime (2 s). A holder whose
   * thread was busy for longer may lose it, and then stops at its next commit: that costs a batch,
   * never an effect applied twice.
   */
  readonly leaseMs?: number;
}

const MIGRATIONS: readonly SqliteMigration[] = [
  { version: 1, sql: generationsTableSql(SQLITE_DIALECT) },
  {
    version: 2,
    // SQLite has no advisory lock that dies with its process: who writes a generation is a lease.
    sql: `CREATE TABLE projection_leases (
      name        TEXT NOT NULL,
      generation  INTEGER NOT NULL,
      owner       TEXT NOT NULL,
      acquired_at TEXT NOT NULL,
      expires_at  INTEGER NOT NULL,
      PRIMARY KEY (name, generation)
    )`,
  },
];

/** The lease one writer holds on one generation; `owner` names the process and thread, and is unique per writer. */
interface Lease {
  readonly ref: GenerationRef;
  readonly owner: string;
}

/** A lease expired or was taken over while its writer was still working (a step of a generation going live). */
class WriterReplaced extends Error {}

const isMissingTable = (error: unknown): boolean => error instanceof Error && /no such table/.test(error.message);

/** Pending ends applied (a range of the rows they end), and versions read to fold current documents, per transaction when a generation goes live: a short hold of the write lock each. */
const ENDS_PER_TRANSACTION = 50_000;
const DELTAS_PER_TRANSACTION = 50_000;
const DOCUMENTS_PER_TRANSACTION = 10_000;

type Statement = Database.Statement<unknown[], unknown>;

/** Runs statements, then `work`, in one short `BEGIN IMMEDIATE` transaction (a step of a generation going live). */
type Step = (statements: readonly string[], work?: () => void) => void;

/** SQLite's largest memory map (`SQLITE_MAX_MMAP_SIZE` as better-sqlite3 builds it): larger values are cut to it. */
const MMAP_SIZE = 0x7fff0000;

/**
 * Read models in SQLite. Every commit is one `BEGIN IMMEDIATE` transaction that first compares the
 * stored checkpoint with the one the projector started from: of two projectors on one generation,
 * only one can commit a given batch, so an effect is never applied twice. The connection uses
 * `synchronous=NORMAL`: a power loss may lose the last commits, but rows and checkpoint together,
 * and the projector applies those events again.
 */
export class SqliteReadStore implements ReadStore {
  readonly kind = 'sqlite' as const;
  private readonly statements = new Map<string, Statement>();

  private constructor(
    private readonly db: Database.Database,
    private readonly leaseMs: number,
  ) {}

  static open(options: SqliteReadStoreOptions): SqliteReadStore {
    if (options.path !== ':memory:') createPrivateFile(options.path);
    const db = new Database(options.path);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 64 MB of page cache (the default is 2 MB): a rebuild touches rows all over the tables; and
    // reads through a memory map (address space, not memory), which saves a copy per page read:
    // as far into the file as SQLite allows (2 GB), since the read models lie after the log.
    db.pragma('cache_size = -65536');
    db.pragma(`mmap_size = ${MMAP_SIZE}`);
    migrateSqlite(db, 'projections', MIGRATIONS);
    return new SqliteReadStore(db, options.leaseMs ?? 3000);
  }

  /** A statement prepared once per SQL text (the set of texts is small: one per table and operation). */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size > 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private generationRow(name: string, generation: number): GenerationRow | undefined {
    return this.statement(`SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE name = ? AND generation = ?`).get(name, generation) as
      | GenerationRow
      | undefined;
  }

  async createGeneration(projection: Projection<unknown>): Promise<Generation> {
    return this.db
      .transaction(() => {
        const { next } = this.db.prepare('SELECT coalesce(max(generation), 0) + 1 AS next FROM projection_generations WHERE name = ?').get(projection.name) as {
          next: number;
        };
        const tables = tableNamesOf(projection, next);
        // Leftovers of a generation number reused after its row was removed by hand.
        for (const sql of dropTablesSql([...allTables(tables), pendingEndsTable(tables)])) this.db.exec(sql);
        for (const sql of createTablesSql(projection, next, SQLITE_DIALECT)) this.db.exec(sql);
        const now = new Date().toISOString();
        this.db
          .prepare(
            `INSERT INTO projection_generations (name, generation, version, state, active, tables, created_at, updated_at)
             VALUES (?, ?, ?, 'building', 0, ?, ?, ?)`,
          )
          .run(projection.name, next, projection.version, JSON.stringify(tables), now, now);
        return generationOf(this.generationRow(projection.name, next)!);
      })
      .immediate();
  }

  async generations(name: string): Promise<Generation[]> {
    const rows = this.statement(`SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE name = ? ORDER BY generation`).all(name) as GenerationRow[];
    return rows.map(generationOf);
  }

  async allGenerations(): Promise<Generation[]> {
    const rows = this.statement(
      `SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE state <> 'retired' ORDER BY name, generation`,
    ).all() as GenerationRow[];
    return rows.map(generationOf);
  }

  async activeGeneration(name: string): Promise<Generation | undefined> {
    const row = this.statement(`SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE name = ? AND active = 1`).get(name) as
      | GenerationRow
      | undefined;
    return row && generationOf(row);
  }

  async openWriter(projection: Projection<unknown>, ref: GenerationRef): Promise<ProjectionWriter | undefined> {
    const row = this.generationRow(ref.name, ref.generation);
    if (!row || row.state === 'retired') return undefined;
    const lease: Lease = { ref, owner: `${hostname()}/${process.pid}/${threadId}/${randomUUID()}` };
    if (!this.takeLease(lease)) return undefined;
    return new SqliteProjectionWriter(this, projection, lease, tablesOfRow(row), this.leaseMs);
  }

  /** Takes the generation's lease if nobody holds it or its holder let it expire; read first, so that watching never takes the write lock. */
  private takeLease({ ref, owner }: Lease): boolean {
    const held = this.statement('SELECT owner, expires_at AS expiresAt FROM projection_leases WHERE name = ? AND generation = ?');
    const free = () => {
      const lease = held.get(ref.name, ref.generation) as { owner: string; expiresAt: number } | undefined;
      return lease === undefined || lease.expiresAt <= Date.now();
    };
    if (!free()) return false;
    return this.db
      .transaction(() => {
        if (!free()) return false;
        const now = Date.now();
        this.statement(
          `INSERT INTO projection_leases (name, generation, owner, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (name, generation) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
        ).run(ref.name, ref.generation, owner, new Date(now).toISOString(), now + this.leaseMs);
        return true;
      })
      .immediate();
  }

  /**
   * @internal Whether `lease` is still its writer's, extending it if so. A lease that expired but
   * that nobody took over is still held: nobody else can have written.
   */
  renewLease({ ref, owner }: Lease): boolean {
    if (!this.db.open) return false;
    const renewed = this.statement('UPDATE projection_leases SET expires_at = ? WHERE name = ? AND generation = ? AND owner = ?').run(
      Date.now() + this.leaseMs,
      ref.name,
      ref.generation,
      owner,
    );
    return renewed.changes === 1;
  }

  /** @internal */
  releaseLease({ ref, owner }: Lease): void {
    if (!this.db.open) return;
    this.statement('DELETE FROM projection_leases WHERE name = ? AND generation = ? AND owner = ?').run(ref.name, ref.generation, owner);
  }

  async dropRetired(name: string): Promise<void> {
    const rows = this.statement(`SELECT tables FROM projection_generations WHERE name = ? AND state = 'retired'`).all(name) as GenerationRow[];
    const existing = new Set((this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]));
    const drops = rows.flatMap((row) => [...allTables(tablesOfRow(row)), pendingEndsTable(tablesOfRow(row))]).filter((table) => existing.has(table));
    if (drops.length === 0) return;
    this.db.transaction(() => dropTablesSql(drops).forEach((sql) => this.db.exec(sql))).immediate();
    this.statements.clear();
  }

  async read<T>(projection: Projection<unknown>, build: (tables: TableNames) => readonly SqlQuery[]): Promise<T[][] | undefined> {
    // A deferred transaction reads one snapshot (WAL): the pointer and the rows agree.
    const run = this.db.transaction(() => {
      const row = this.statement(`SELECT tables FROM projection_generations WHERE name = ? AND active = 1`).get(projection.name) as
        | Pick<GenerationRow, 'tables'>
        | undefined;
      if (!row) return undefined;
      return build(tablesOfRow(row)).map((query) => this.statement(query.sql).all(...query.params) as T[]);
    });
    try {
      return run.deferred();
    } catch (error) {
      // Another process switched generations and dropped the old tables between two statements.
      if (!isMissingTable(error)) throw error;
      this.statements.clear();
      return run.deferred();
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Whether a system-versioned generation is still append-only (its pending ends not yet applied). */
  private appendOnly(projection: Projection<unknown>, tables: TableNames): boolean {
    if (projection.history !== 'system-versioned') return false;
    return this.statement(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(pendingEndsTable(tables)) !== undefined;
  }

  /** @internal The writer's load and commit; synchronous, so a batch never interleaves with other work. */
  loadRows(projection: Projection<unknown>, tables: TableNames, keys: readonly string[]): Map<string, LoadedRow> {
    const rows = new Map<string, LoadedRow>();
    if (projection.history !== 'system-versioned') {
      const statement = this.statement(`SELECT doc FROM ${quote(tables.main)} WHERE key = ?`);
      for (const key of keys) {
        const row = statement.get(key) as LoadedRow | undefined;
        if (row) rows.set(key, row);
      }
      return rows;
    }
    const appendOnly = this.appendOnly(projection, tables);
    if (appendOnly) this.db.transaction(() => loadIndexesSql(tables).forEach((sql) => this.db.exec(sql))).immediate();
    const versions = this.statement(
      `SELECT delta, from_position AS fromPosition, recorded_from AS recordedFrom, recorded_to AS recordedTo FROM ${quote(tables.main)} WHERE key = ? ORDER BY from_position`,
    );
    // While append-only, the last version may have been closed by a pending end.
    const ended = appendOnly ? this.statement(`SELECT 1 FROM ${quote(pendingEndsTable(tables))} WHERE tbl = '' AND key = ? AND to_position > ?`) : undefined;
    for (const key of keys) {
      const found = versions.all(key) as StoredVersion[];
      const last = found.at(-1);
      if (last === undefined || last.recordedTo !== null || ended?.get(key, last.fromPosition) !== undefined) continue;
      rows.set(key, loadedRowOf(found));
    }
    return rows;
  }

  /**
   * @internal One transaction, except for an append-only generation going live: its batch commits
   * first, then its keys are built and its pending ends applied in short transactions (steps a
   * crash leaves for the next attempt to finish), then a last one makes it live.
   */
  commitBatch(projection: Projection<unknown>, tables: TableNames, lease: Lease, batch: BatchCommit): CommitOutcome {
    if (!batch.activate || !this.appendOnly(projection, tables)) return this.commitInTransaction(projection, tables, lease, batch);
    const committed = this.commitInTransaction(projection, tables, lease, { ...batch, activate: false });
    if (!committed.committed) return committed;
    try {
      this.completeVersions(projection, tables, lease, batch.currentDocuments);
    } catch (error) {
      if (!(error instanceof WriterReplaced)) throw error;
      // The steps done stay done: the writer that took over finishes the others.
      return { committed: false, reason: 'writer_replaced', generation: undefined };
    }
    return this.commitInTransaction(projection, tables, lease, { ...batch, expectedCheckpoint: batch.checkpoint, events: 0, tables: new Map(), activate: true });
  }

  private completeVersions(projection: Projection<unknown>, tables: TableNames, lease: Lease, currentDocuments: BatchCommit['currentDocuments']): void {
    const generation = lease.ref.generation;
    // Each step first renews the lease: a long go-live keeps it, and one that lost it stops at its next step.
    const step: Step = (statements, work) =>
      this.db
        .transaction(() => {
          if (!this.renewLease(lease)) throw new WriterReplaced();
          statements.forEach((sql) => this.db.exec(sql));
          work?.();
        })
        .immediate();
    for (const sql of versionKeysSql(projection, generation)) step([sql]);
    this.applyPendingEnds(projection, tables, generation, step);
    // Before the pending table goes: a crash in between leaves the fold to the next attempt.
    if (currentDocuments) this.writeCurrentDocuments(tables, currentDocuments(), step);
    else this.foldCurrentDocuments(tables, step);
    step(dropPendingEndsSql(tables));
    this.statements.clear();
    for (const sql of createIndexesSql(projection, generation)) step([sql]);
  }

  /**
   * Applies the ends of versions written by earlier batches, a range of the rows they end per
   * transaction (`pendingEndTargetsSql`). The targets are found outside the write lock (they only
   * fill a temporary table); a crash leaves the ends not yet applied to the next attempt.
   */
  private applyPendingEnds(projection: Projection<unknown>, tables: TableNames, generation: number, step: Step): void {
    this.db.transaction(() => pendingEndTargetsSql(projection, generation).forEach((sql) => this.db.exec(sql))).deferred();
    const orphans = this.db.prepare(`SELECT count(*) FROM ${END_TARGETS} WHERE id IS NULL`).pluck().get() as number;
    if (orphans > 0) throw new Error(`${tables.main}: ${orphans} pending ends close no version written before them`);
    const bound = this.db.prepare(`SELECT max(id) FROM (SELECT id FROM ${END_TARGETS} WHERE tbl = ? AND id > ? ORDER BY id LIMIT ${ENDS_PER_TRANSACTION})`).pluck();
    for (const [child, table] of versionedTables(tables)) {
      const { update, forget } = applyEndTargetsSql(tables, child, table);
      const [updateRows, forgetEnds] = [this.db.prepare(update), this.db.prepare(forget)];
      for (let after = 0; ; ) {
        const upto = bound.get(child, after) as number | null;
        if (upto === null) break;
        step([], () => {
          updateRows.run(after, upto);
          forgetEnds.run(after, upto);
        });
        after = upto;
      }
    }
    this.db.exec(`DROP TABLE ${END_TARGETS}`);
  }

  /**
   * Writes the whole document of every current version as the projector gives them, each found by
   * its key (key and position: one row, not every version of the key), a number of rows per
   * transaction.
   */
  private writeCurrentDocuments(tables: TableNames, documents: Iterable<CurrentDocument>, step: Step): void {
    const write = this.db.prepare(`UPDATE ${quote(tables.main)} SET doc = ? WHERE key = ? AND from_position = ? AND recorded_to IS NULL`);
    let chunk: CurrentDocument[] = [];
    const flush = () => {
      const rows = chunk;
      step([], () => {
        for (const { key, fromPosition, doc } of rows) {
          if (write.run(doc, key, fromPosition).changes !== 1) throw new Error(`${tables.main}: the row ${key} has no current version from ${fromPosition}`);
        }
      });
      chunk = [];
    };
    for (const document of documents) {
      chunk.push(document);
      if (chunk.length === DOCUMENTS_PER_TRANSACTION) flush();
    }
    if (chunk.length > 0) flush();
  }

  /**
   * Writes the whole document of every current version from the deltas of its row's versions, a
   * range of keys per transaction (read in key order, by the versions' key), for an append-only
   * build about to go live.
   */
  private foldCurrentDocuments(tables: TableNames, step: Step): void {
    const main = quote(tables.main);
    const read = this.db.prepare(
      `SELECT key, delta, rowid AS id, recorded_to IS NULL AS current FROM ${main} WHERE key > ? ORDER BY key, from_position LIMIT ${DELTAS_PER_TRANSACTION}`,
    );
    const write = this.db.prepare(`UPDATE ${main} SET doc = ? WHERE rowid = ?`);
    let after = '';
    for (;;) {
      const versions = read.all(after) as { key: string; delta: string; id: number; current: number }[];
      if (versions.length === 0) return;
      // The last key's versions may go on past the limit: read again from its first.
      const last = versions.at(-1)!.key;
      const whole = versions.length < DELTAS_PER_TRANSACTION ? versions : versions.filter((v) => v.key !== last);
      if (whole.length === 0) throw new Error(`${tables.main}: more than ${DELTAS_PER_TRANSACTION} versions of the row ${last}`);
      step([], () => {
        for (let start = 0; start < whole.length; ) {
          let end = start + 1;
          while (end < whole.length && whole[end].key === whole[start].key) end++;
          const current = whole[end - 1];
          if (current.current === 1) write.run(JSON.stringify(documentOfDeltas(whole.slice(start, end).map((v) => v.delta))), current.id);
          start = end;
        }
      });
      after = whole.at(-1)!.key;
    }
  }

  private commitInTransaction(projection: Projection<unknown>, tables: TableNames, lease: Lease, batch: BatchCommit): CommitOutcome {
    const { name, generation } = batch.generation;
    return this.db
      .transaction((): CommitOutcome => {
        const row = this.generationRow(name, generation);
        if (!row || row.state === 'retired') return { committed: false, reason: 'retired', generation: row && generationOf(row) };
        if (!this.renewLease(lease)) return { committed: false, reason: 'writer_replaced', generation: generationOf(row) };
        if (row.checkpoint !== (batch.expectedCheckpoint === undefined ? null : positionText(batch.expectedCheckpoint))) {
          return { committed: false, reason: 'checkpoint_moved', generation: generationOf(row) };
        }
        const appendOnly = this.appendOnly(projection, tables);
        for (const [table, changes] of batch.tables) this.applyChanges(projection, tables, table, changes, appendOnly);
        const now = new Date().toISOString();
        if (batch.activate && row.active !== 1) {
          for (const sql of createIndexesSql(projection, generation)) this.db.exec(sql);
          this.statement(`UPDATE projection_generations SET active = 0, state = 'retired', updated_at = ? WHERE name = ? AND active = 1`).run(now, name);
        }
        const active = batch.activate || row.active === 1;
        this.statement(
          `UPDATE projection_generations
           SET checkpoint = ?, events_processed = events_processed + ?, state = ?, active = ?, updated_at = ?
           WHERE name = ? AND generation = ?`,
        ).run(batch.checkpoint === undefined ? null : positionText(batch.checkpoint), batch.events, stateAfter(batch, active), active ? 1 : 0, now, name, generation);
        if (batch.failure) {
          this.statement(
            'UPDATE projection_generations SET error_message = ?, error_position = ?, error_event_type = ?, error_at = ? WHERE name = ? AND generation = ?',
          ).run(...failureValues(batch.failure), name, generation);
        }
        // Renewed again at the end: a long commit must not hand its holder a lease about to expire.
        this.renewLease(lease);
        return { committed: true };
      })
      .immediate();
  }

  /**
   * One table's changes. A system-versioned generation being built only appends: its rows, and the
   * ends of versions earlier batches wrote, applied when it goes live (`applyPendingEndsSql`).
   */
  private applyChanges(projection: Projection<unknown>, tables: TableNames, table: string, changes: TableChanges, appendOnly: boolean): void {
    const child = table !== '';
    const name = quote(child ? tables.children[table] : tables.main);
    const versioned = projection.history === 'system-versioned';
    const childKey = child ? ' AND child_key = ?' : '';
    const keyOf = (row: { key: string; childKey?: string }): string[] => (child ? [row.key, row.childKey!] : [row.key]);
    if (changes.deletes.length > 0) {
      const remove = this.statement(`DELETE FROM ${name} WHERE key = ?${childKey}`);
      for (const row of changes.deletes) remove.run(...keyOf(row));
    }
    if (changes.ends.length > 0 && appendOnly) {
      const pending = this.statement(`INSERT INTO ${quote(pendingEndsTable(tables))} (tbl, key, child_key, to_position, recorded_to) VALUES (?, ?, ?, ?, ?)`);
      for (const end of changes.ends) pending.run(table, end.key, end.childKey ?? null, end.toPosition, end.recordedTo);
    } else if (changes.ends.length > 0) {
      // Only the current version keeps the whole document.
      const close = this.statement(`UPDATE ${name} SET to_position = ?, recorded_to = ?${child ? '' : ', doc = NULL'} WHERE key = ?${childKey} AND recorded_to IS NULL`);
      for (const end of changes.ends) close.run(end.toPosition, end.recordedTo, ...keyOf(end));
    }
    if (changes.inserts.length > 0) {
      const columns = child ? projection.children![table].columns : projection.columns;
      const names = insertColumns(versioned, child, columns);
      const upsert =
        !versioned && !child
          ? ` ON CONFLICT (key) DO UPDATE SET ${names
              .filter((c) => c !== 'key')
              .map((c) => `${quote(c)} = excluded.${quote(c)}`)
              .join(', ')}`
          : '';
      const insert = this.statement(`INSERT INTO ${name} (${names.map(quote).join(', ')}) VALUES (${names.map(() => '?').join(', ')})${upsert}`);
      const valueNames = Object.keys(columns);
      for (const row of changes.inserts) {
        const values: ColumnValue[] = [row.key];
        if (child) values.push(row.childKey!);
        if (versioned) values.push(row.fromPosition!, row.toPosition ?? null, row.recordedFrom!, row.recordedTo ?? null);
        // An append-only build leaves the current documents to be folded when it goes live.
        if (!child) values.push(...(versioned ? [row.delta!, appendOnly ? null : (row.doc ?? null)] : [row.doc!]));
        for (const column of valueNames) values.push(row.values[column] ?? null);
        insert.run(...values);
      }
    }
  }

}

class SqliteProjectionWriter implements ProjectionWriter {
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly store: SqliteReadStore,
    private readonly projection: Projection<unknown>,
    private readonly lease: Lease,
    private readonly tables: TableNames,
    leaseMs: number,
  ) {
    // Commits renew the lease too; this keeps it while the projector waits for events. A renewal that
    // fails (the file busy beyond the timeout) is tried again at the next beat; the lease is only
    // lost if none succeeds before it expires, and then the next commit is refused.
    this.heartbeat = setInterval(() => {
      try {
        this.store.renewLease(this.lease);
      } catch {
        // See above.
      }
    }, Math.max(10, Math.floor(leaseMs / 4)));
    this.heartbeat.unref();
  }

  get generation(): GenerationRef {
    return this.lease.ref;
  }

  async load(keys: readonly string[]): Promise<Map<string, LoadedRow>> {
    return this.store.loadRows(this.projection, this.tables, keys);
  }

  async commit(batch: BatchCommit): Promise<CommitOutcome> {
    return this.store.commitBatch(this.projection, this.tables, this.lease, batch);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.store.releaseLease(this.lease);
  }
}
