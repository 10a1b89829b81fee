import { createHash } from 'node:crypto';
import { escapeIdentifier, Pool, type PoolClient, types } from 'pg';
import { int8ParsedAs, migratePostgres, type PostgresMigration } from '@mandate-ledger/storage';
import { assertBatchShape, type AuditStore, SealConflictError, type SealBatch, type SealedLeaf, type SealState, type StoredCheckpoint } from '../audit-store.port';
import { emptyFrontier, HASH_SIZE } from '../merkle-tree';
import { decodeFrontier, encodeFrontier, type NodeKey, nodeKeyOf, type StoredNode } from '../stored-tree';

/** Positions and sizes are int8: read as bigints. */
const PG_BIGINTS = int8ParsedAs(types, BigInt);

/** Where the tree lives, and whether the events table is guarded too. */
export interface PostgresAuditStoreOptions {
  /** Where to connect; the store creates its own pool and ends it on `close()`. */
  readonly connectionString?: string;
  /** A pool owned by the caller, left open on `close()`. The sealer lock holds one of its connections. */
  readonly pool?: Pool;
  /** The schema of the events (created if missing). Default `public`. */
  readonly schema?: string;
  /** The `events` table lives in this schema: refuse UPDATE, DELETE and TRUNCATE on it as well. */
  readonly guardEvents: boolean;
}

/** Refuses UPDATE, DELETE and TRUNCATE on a table, for any role that has not dropped the trigger first. */
const appendOnly = (table: string): string => `
  CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();`;

const MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE audit_leaves (
        leaf_index bigint PRIMARY KEY,
        position   bigint NOT NULL UNIQUE,
        leaf_hash  bytea  NOT NULL CHECK (octet_length(leaf_hash) = 32)
      );
      CREATE TABLE audit_nodes (
        level smallint NOT NULL,
        idx   bigint   NOT NULL,
        hash  bytea    NOT NULL CHECK (octet_length(hash) = 32),
        PRIMARY KEY (level, idx)
      );
      CREATE TABLE audit_seals (
        tree_size       bigint      PRIMARY KEY,
        sealed_position bigint      NOT NULL,
        frontier        bytea       NOT NULL,
        sealed_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE audit_checkpoints (
        tree_size bigint PRIMARY KEY,
        root_hash bytea  NOT NULL CHECK (octet_length(root_hash) = 32),
        note      text   NOT NULL,
        signed_at text   NOT NULL
      );
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      ${['audit_leaves', 'audit_nodes', 'audit_seals', 'audit_checkpoints'].map(appendOnly).join('\n')}`,
  },
];

const EVENTS_GUARD: readonly PostgresMigration[] = [{ version: 1, sql: appendOnly('events') }];

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

interface Prepared {
  readonly name: string;
  readonly text: string;
}

// Prepared once per connection (the seal runs on the sealer's own); named after their text so that stores on two schemas can share a pool.
const prepared = (text: string): Prepared => ({ name: `ml_audit_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text });

/** The hashes end to end, each checked to be 32 bytes so that the slices in SQL line up. */
const concatHashes = (items: readonly { hash: Buffer }[]): Buffer => {
  const bytes = Buffer.allocUnsafe(items.length * HASH_SIZE);
  items.forEach(({ hash }, i) => {
    if (hash.length !== HASH_SIZE) throw new RangeError(`A tree hash has ${HASH_SIZE} bytes, got ${hash.length}`);
    hash.copy(bytes, i * HASH_SIZE);
  });
  return bytes;
};

const toLeaf = (row: LeafRow): SealedLeaf => ({ leafIndex: Number(row.leaf_index), position: row.position, hash: row.leaf_hash });

const toCheckpoint = (row: CheckpointRow): StoredCheckpoint => ({
  treeSize: Number(row.tree_size),
  rootHash: row.root_hash,
  note: row.note,
  signedAt: row.signed_at,
});

/**
 * The tree in the PostgreSQL schema of the events. One sealer per schema: it holds a session
 * advisory lock on a connection of its own, and seals on that connection, so losing the
 * connection loses the lock and no seal can commit without it.
 */
export class PostgresAuditStore implements AuditStore {
  private readonly sql;
  private sealer?: PoolClient;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly schema: string,
  ) {
    const q = escapeIdentifier(schema);
    const leafColumns = 'leaf_index, position, leaf_hash';
    const checkpointColumns = 'tree_size, root_hash, note, signed_at';
    this.sql = {
      state: `SELECT tree_size, sealed_position, frontier FROM ${q}.audit_seals ORDER BY tree_size DESC LIMIT 1`,
      // One statement, hence one round trip and one transaction: it writes only if the stored tree
      // ends where the batch starts, and answers the stored size. Hashes go as one bytea of 32-byte
      // slices, which pg sends in binary (a bytea[] goes as hex text); leaf indexes follow from the first.
      seal: prepared(`
        WITH stored AS (
          SELECT coalesce((SELECT tree_size FROM ${q}.audit_seals ORDER BY tree_size DESC LIMIT 1), 0) AS size
        ), fits AS (
          SELECT size = $1::bigint AS ok FROM stored
        ), leaves AS (
          INSERT INTO ${q}.audit_leaves (${leafColumns})
          SELECT $1::bigint + k.i - 1, k.position, substring($3::bytea FROM (k.i::int - 1) * 32 + 1 FOR 32)
          FROM unnest($2::bigint[]) WITH ORDINALITY AS k(position, i)
          WHERE (SELECT ok FROM fits)
        ), nodes AS (
          INSERT INTO ${q}.audit_nodes (level, idx, hash)
          SELECT k.level, k.idx, substring($6::bytea FROM (k.i::int - 1) * 32 + 1 FOR 32)
          FROM unnest($4::smallint[], $5::bigint[]) WITH ORDINALITY AS k(level, idx, i)
          WHERE (SELECT ok FROM fits)
        ), seal AS (
          INSERT INTO ${q}.audit_seals (tree_size, sealed_position, frontier)
          SELECT $7::bigint, $8::bigint, $9::bytea WHERE (SELECT ok FROM fits)
        )
        SELECT size FROM stored`),
      leaves: `SELECT ${leafColumns} FROM ${q}.audit_leaves WHERE leaf_index >= $1 ORDER BY leaf_index LIMIT $2`,
      leafAt: `SELECT ${leafColumns} FROM ${q}.audit_leaves WHERE position = $1`,
      leafByHash: `SELECT ${leafColumns} FROM ${q}.audit_leaves WHERE leaf_hash = $1 ORDER BY leaf_index LIMIT 1`,
      nodes: `SELECT level, idx, hash FROM ${q}.audit_nodes WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx`,
      nodeHashes: `
        SELECT 0 AS level, leaf_index AS idx, leaf_hash AS hash FROM ${q}.audit_leaves WHERE leaf_index = ANY($1::bigint[])
        UNION ALL
        SELECT n.level, n.idx, n.hash FROM ${q}.audit_nodes n
        JOIN unnest($2::smallint[], $3::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx`,
      insertCheckpoint: `INSERT INTO ${q}.audit_checkpoints (${checkpointColumns}) VALUES ($1, $2, $3, $4) ON CONFLICT (tree_size) DO NOTHING`,
      checkpointAt: `SELECT ${checkpointColumns} FROM ${q}.audit_checkpoints WHERE tree_size = $1`,
      latestCheckpoint: `SELECT ${checkpointColumns} FROM ${q}.audit_checkpoints ORDER BY tree_size DESC LIMIT 1`,
      checkpoints: `SELECT ${checkpointColumns} FROM ${q}.audit_checkpoints WHERE tree_size > $1 AND tree_size <= $2 ORDER BY tree_size LIMIT $3`,
    };
  }

  /** Connects (or takes the given pool) and migrates the audit tables of `schema`. */
  static async open(options: PostgresAuditStoreOptions): Promise<PostgresAuditStore> {
    if (!options.pool && !options.connectionString) throw new Error('PostgresAuditStore needs a connectionString or a pool');
    const pool = options.pool ?? new Pool({ connectionString: options.connectionString, max: 3 });
    if (!options.pool) pool.on('error', () => undefined);
    const schema = options.schema ?? 'public';
    try {
      await migratePostgres(pool, schema, 'audit', MIGRATIONS);
      if (options.guardEvents) await migratePostgres(pool, schema, 'audit_events_guard', EVENTS_GUARD);
    } catch (error) {
      if (!options.pool) await pool.end();
      throw error;
    }
    return new PostgresAuditStore(pool, !options.pool, schema);
  }

  private async query<Row>(statement: string | Prepared, values: unknown[] = [], client: Pool | PoolClient = this.pool): Promise<Row[]> {
    const { rows } = await client.query({ ...(typeof statement === 'string' ? { text: statement } : statement), values, types: PG_BIGINTS });
    return rows as Row[];
  }

  async sealState(): Promise<SealState> {
    return this.readState(this.pool);
  }

  private async readState(client: Pool | PoolClient): Promise<SealState> {
    const [row] = await this.query<{ tree_size: bigint; sealed_position: bigint; frontier: Buffer }>(this.sql.state, [], client);
    if (!row) return { treeSize: 0, frontier: emptyFrontier() };
    const treeSize = Number(row.tree_size);
    return { treeSize, frontier: decodeFrontier(treeSize, row.frontier), sealedPosition: row.sealed_position };
  }

  async tryBecomeSealer(): Promise<boolean> {
    if (this.sealer) return true;
    const client = await this.pool.connect();
    try {
      const [row] = await this.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext('mandate-ledger audit sealer'), hashtext($1)) AS locked`,
        [this.schema],
        client,
      );
      if (!row.locked) {
        client.release();
        return false;
      }
    } catch (error) {
      client.release(true);
      throw error;
    }
    // A broken connection has lost the lock with it: the next seal must take it again.
    client.on('error', () => this.dropSealer(client));
    this.sealer = client;
    return true;
  }

  private dropSealer(client: PoolClient): void {
    if (this.sealer !== client) return;
    this.sealer = undefined;
    client.release(true);
  }

  async seal({ fromSize, leaves, nodes, frontier }: SealBatch): Promise<void> {
    const client = this.sealer;
    if (!client) throw new Error('Only the sealer seals: call tryBecomeSealer() first');
    assertBatchShape(fromSize, leaves, frontier.size);
    const [row] = await this.query<{ size: bigint }>(
      this.sql.seal,
      [
        fromSize,
        leaves.map((l) => l.position),
        concatHashes(leaves),
        nodes.map((n) => n.level),
        nodes.map((n) => n.index),
        concatHashes(nodes),
        frontier.size,
        leaves[leaves.length - 1].position,
        encodeFrontier(frontier),
      ],
      client,
    );
    const stored = Number(row.size);
    if (stored !== fromSize) throw new SealConflictError(fromSize, stored);
  }

  async readLeaves(fromIndex: number, maxCount: number): Promise<SealedLeaf[]> {
    return (await this.query<LeafRow>(this.sql.leaves, [fromIndex, maxCount])).map(toLeaf);
  }

  async leafAt(position: bigint): Promise<SealedLeaf | undefined> {
    const [row] = await this.query<LeafRow>(this.sql.leafAt, [position]);
    return row && toLeaf(row);
  }

  async findLeafByHash(hash: Uint8Array): Promise<SealedLeaf | undefined> {
    const [row] = await this.query<LeafRow>(this.sql.leafByHash, [Buffer.from(hash)]);
    return row && toLeaf(row);
  }

  async readNodes(level: number, fromIndex: number, toIndex: number): Promise<StoredNode[]> {
    const rows = await this.query<{ level: number; idx: bigint; hash: Buffer }>(this.sql.nodes, [level, fromIndex, toIndex]);
    return rows.map((row) => ({ level: row.level, index: Number(row.idx), hash: row.hash }));
  }

  async readNodeHashes(keys: readonly NodeKey[]): Promise<Map<string, Buffer>> {
    const leaves = keys.filter((k) => k.level === 0).map((k) => k.index);
    const nodes = keys.filter((k) => k.level > 0);
    const rows = await this.query<{ level: number; idx: bigint; hash: Buffer }>(this.sql.nodeHashes, [
      leaves,
      nodes.map((k) => k.level),
      nodes.map((k) => k.index),
    ]);
    return new Map(rows.map((row) => [nodeKeyOf(row.level, Number(row.idx)), row.hash]));
  }

  async saveCheckpoint(checkpoint: StoredCheckpoint): Promise<StoredCheckpoint> {
    await this.pool.query(this.sql.insertCheckpoint, [checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, checkpoint.signedAt]);
    return (await this.checkpointAt(checkpoint.treeSize))!;
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.query<CheckpointRow>(this.sql.latestCheckpoint);
    return row && toCheckpoint(row);
  }

  async checkpointAt(treeSize: number): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.query<CheckpointRow>(this.sql.checkpointAt, [treeSize]);
    return row && toCheckpoint(row);
  }

  async readCheckpoints(afterSize: number, upToSize: number, maxCount: number): Promise<StoredCheckpoint[]> {
    return (await this.query<CheckpointRow>(this.sql.checkpoints, [afterSize, upToSize, maxCount])).map(toCheckpoint);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const sealer = this.sealer;
    if (sealer) {
      // Unlocked first, so that the lock is free once this resolves: the session of a destroyed
      // connection ends on the server a moment later. A broken connection loses the lock anyway.
      await sealer.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      // Destroyed rather than returned to the pool: nothing of the sealer's session is reused.
      this.dropSealer(sealer);
    }
    if (this.ownsPool) await this.pool.end();
  }
}
