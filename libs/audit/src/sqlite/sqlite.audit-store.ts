import Database from 'better-sqlite3';
import { createPrivateFile, migrateSqlite, type SqliteMigration } from '@mandate-ledger/storage';
import { assertBatchShape, type AuditStore, SealConflictError, type SealBatch, type SealedLeaf, type SealState, type StoredCheckpoint } from '../audit-store.port';
import { emptyFrontier } from '../merkle-tree';
import { decodeFrontier, encodeFrontier, type NodeKey, nodeKeyOf, type StoredNode } from '../stored-tree';

/** Options of {@link SqliteAuditStore.open}. */
export interface SqliteAuditStoreOptions {
  /** The `events` table lives in this file too: refuse UPDATE and DELETE on it as well. */
  readonly guardEvents: boolean;
}

/** Refuses UPDATE and DELETE on a table, for any writer that has not dropped the triggers first. */
const appendOnly = (table: string): string =>
  ['UPDATE', 'DELETE']
    .map(
      (operation) => `
      CREATE TRIGGER ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: ${operation} refused'); END;`,
    )
    .join('\n');

const MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE audit_leaves (
        leaf_index INTEGER PRIMARY KEY,
        position   INTEGER NOT NULL UNIQUE,
        leaf_hash  BLOB    NOT NULL CHECK (length(leaf_hash) = 32)
      );
      CREATE TABLE audit_nodes (
        level INTEGER NOT NULL,
        idx   INTEGER NOT NULL,
        hash  BLOB    NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, idx)
      ) WITHOUT ROWID;
      CREATE TABLE audit_seals (
        tree_size       INTEGER PRIMARY KEY,
        sealed_position INTEGER NOT NULL,
        frontier        BLOB    NOT NULL,
        sealed_at       TEXT    NOT NULL
      );
      CREATE TABLE audit_checkpoints (
        tree_size INTEGER PRIMARY KEY,
        root_hash BLOB    NOT NULL CHECK (length(root_hash) = 32),
        note      TEXT    NOT NULL,
        signed_at TEXT    NOT NULL
      );
      ${['audit_leaves', 'audit_nodes', 'audit_seals', 'audit_checkpoints'].map(appendOnly).join('\n')}`,
  },
];

const EVENTS_GUARD: readonly SqliteMigration[] = [{ version: 1, sql: appendOnly('events') }];

interface LeafRow {
  leaf_index: bigint;
  position: bigint;
  leaf_hash: Buffer;
}

interface CheckpointRow {
  tree_size: bigint;
  root_hash: Buffer;
  note: string;
  signed_at: string;
}

const toLeaf = (row: LeafRow): SealedLeaf => ({ leafIndex: Number(row.leaf_index), position: row.position, hash: row.leaf_hash });

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  treeSize: Number(row.tree_size),
  rootHash: row.root_hash,
  note: row.note,
  signedAt: row.signed_at,
});

/**
 * The tree in the SQLite file of the events, on the event store's own connection. Writers are
 * serialized by SQLite, and a seal runs in an immediate transaction that first checks the batch
 * starts where the stored tree ends, so two sealers (the server and the CLI) never interleave.
 */
export class SqliteAuditStore implements AuditStore {
  private readonly statements;
  private readonly sealInTransaction;

  private constructor(
    private readonly db: Database.Database,
    private readonly ownsConnection: boolean,
  ) {
    const prepare = (sql: string) => db.prepare(sql).safeIntegers(true);
    this.statements = {
      state: prepare('SELECT tree_size, sealed_position, frontier FROM audit_seals ORDER BY tree_size DESC LIMIT 1'),
      insertLeaf: prepare('INSERT INTO audit_leaves (leaf_index, position, leaf_hash) VALUES (?, ?, ?)'),
      insertNode: prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      insertSeal: prepare('INSERT INTO audit_seals (tree_size, sealed_position, frontier, sealed_at) VALUES (?, ?, ?, ?)'),
      leaves: prepare('SELECT leaf_index, position, leaf_hash FROM audit_leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?'),
      leafAt: prepare('SELECT leaf_index, position, leaf_hash FROM audit_leaves WHERE position = ?'),
      leafByHash: prepare('SELECT leaf_index, position, leaf_hash FROM audit_leaves WHERE leaf_hash = ? ORDER BY leaf_index LIMIT 1'),
      leafHash: prepare('SELECT leaf_hash FROM audit_leaves WHERE leaf_index = ?').pluck(),
      nodeHash: prepare('SELECT hash FROM audit_nodes WHERE level = ? AND idx = ?').pluck(),
      nodes: prepare('SELECT level, idx, hash FROM audit_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx'),
      insertCheckpoint: prepare(
        'INSERT INTO audit_checkpoints (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING',
      ),
      checkpointAt: prepare('SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoints WHERE tree_size = ?'),
      latestCheckpoint: prepare('SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1'),
      checkpoints: prepare(
        'SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoints WHERE tree_size > ? AND tree_size <= ? ORDER BY tree_size LIMIT ?',
      ),
    };
    this.sealInTransaction = db.transaction((batch: SealBatch) => this.writeBatch(batch));
  }

  /** Keeps the tree in the file of `db` (the event store's connection, left open on `close()`). */
  static open(db: Database.Database, options: SqliteAuditStoreOptions): SqliteAuditStore {
    migrateSqlite(db, 'audit', MIGRATIONS);
    if (options.guardEvents) migrateSqlite(db, 'audit_events_guard', EVENTS_GUARD);
    return new SqliteAuditStore(db, false);
  }

  /** Keeps the tree in a file of its own (events held elsewhere, e.g. EventStoreDB). */
  static openFile(path: string): SqliteAuditStore {
    createPrivateFile(path);
    const db = new Database(path);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrateSqlite(db, 'audit', MIGRATIONS);
    return new SqliteAuditStore(db, true);
  }

  async sealState(): Promise<SealState> {
    return this.readState();
  }

  private readState(): SealState {
    const row = this.statements.state.get() as { tree_size: bigint; sealed_position: bigint; frontier: Buffer } | undefined;
    if (!row) return { treeSize: 0, frontier: emptyFrontier() };
    const treeSize = Number(row.tree_size);
    return { treeSize, frontier: decodeFrontier(treeSize, row.frontier), sealedPosition: row.sealed_position };
  }

  async seal(batch: SealBatch): Promise<void> {
    this.sealInTransaction.immediate(batch);
  }

  private writeBatch({ fromSize, leaves, nodes, frontier }: SealBatch): void {
    const stored = this.readState().treeSize;
    if (stored !== fromSize) throw new SealConflictError(fromSize, stored);
    assertBatchShape(fromSize, leaves, frontier.size);
    for (const leaf of leaves) this.statements.insertLeaf.run(leaf.leafIndex, leaf.position, leaf.hash);
    for (const node of nodes) this.statements.insertNode.run(node.level, node.index, node.hash);
    this.statements.insertSeal.run(frontier.size, leaves[leaves.length - 1].position, encodeFrontier(frontier), new Date().toISOString());
  }

  async tryBecomeSealer(): Promise<boolean> {
    return true;
  }

  async readLeaves(fromIndex: number, maxCount: number): Promise<SealedLeaf[]> {
    return (this.statements.leaves.all(fromIndex, maxCount) as LeafRow[]).map(toLeaf);
  }

  async leafAt(position: bigint): Promise<SealedLeaf | undefined> {
    const row = this.statements.leafAt.get(position) as LeafRow | undefined;
    return row && toLeaf(row);
  }

  async findLeafByHash(hash: Uint8Array): Promise<SealedLeaf | undefined> {
    const row = this.statements.leafByHash.get(Buffer.from(hash)) as LeafRow | undefined;
    return row && toLeaf(row);
  }

  async readNodes(level: number, fromIndex: number, toIndex: number): Promise<StoredNode[]> {
    const rows = this.statements.nodes.all(level, fromIndex, toIndex) as { level: bigint; idx: bigint; hash: Buffer }[];
    return rows.map((row) => ({ level: Number(row.level), index: Number(row.idx), hash: row.hash }));
  }

  async readNodeHashes(keys: readonly NodeKey[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    // One indexed lookup per key: in-process SQLite answers each in microseconds.
    for (const { level, index } of keys) {
      const hash = (level === 0 ? this.statements.leafHash.get(index) : this.statements.nodeHash.get(level, index)) as Buffer | undefined;
      if (hash) found.set(nodeKeyOf(level, index), hash);
    }
    return found;
  }

  async saveCheckpoint(checkpoint: StoredCheckpoint): Promise<StoredCheckpoint> {
    this.statements.insertCheckpoint.run(checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, checkpoint.signedAt);
    return (await this.checkpointAt(checkpoint.treeSize))!;
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const row = this.statements.latestCheckpoint.get() as CheckpointRow | undefined;
    return row && toCheckpoint(row);
  }

  async checkpointAt(treeSize: number): Promise<StoredCheckpoint | undefined> {
    const row = this.statements.checkpointAt.get(treeSize) as CheckpointRow | undefined;
    return row && toCheckpoint(row);
  }

  async readCheckpoints(afterSize: number, upToSize: number, maxCount: number): Promise<StoredCheckpoint[]> {
    return (this.statements.checkpoints.all(afterSize, upToSize, maxCount) as CheckpointRow[]).map(toCheckpoint);
  }

  async close(): Promise<void> {
    if (this.ownsConnection && this.db.open) this.db.close();
  }
}
