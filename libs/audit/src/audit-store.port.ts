import type { Frontier } from './merkle-tree';
import type { NodeKey, StoredNode } from './stored-tree';

/** Injection token for the configured {@link AuditStore}. */
export const AUDIT_STORE = Symbol('AUDIT_STORE');

/** One sealed event: its place in the tree, its place in the log, and its leaf hash. */
export interface SealedLeaf {
  readonly leafIndex: number;
  readonly position: bigint;
  readonly hash: Buffer;
}

/** How far the tree goes: its size, its frontier, and the position of its last leaf. */
export interface SealState {
  readonly treeSize: number;
  readonly frontier: Frontier;
  /** Position of the last sealed event; `undefined` while nothing is sealed. */
  readonly sealedPosition?: bigint;
}

/** What one seal writes, all or nothing. */
export interface SealBatch {
  /** The tree size the batch extends; refused unless it is the stored size. */
  readonly fromSize: number;
  /** Leaves `fromSize`, `fromSize + 1`, … in log order. */
  readonly leaves: readonly SealedLeaf[];
  /** The perfect subtrees the leaves complete, at the stored levels (see `LOWEST_STORED_LEVEL`). */
  readonly nodes: readonly StoredNode[];
  /** The frontier after the batch. */
  readonly frontier: Frontier;
}

/** A signed checkpoint as stored: the note is the evidence, the other columns index it. */
export interface StoredCheckpoint {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** The C2SP signed note, byte for byte as signed. */
  readonly note: string;
  /** When it was signed (ISO 8601 UTC); also a line of the signed note. */
  readonly signedAt: string;
}

/** A seal refused because another sealer moved the tree first; reload the state and go on. */
export class SealConflictError extends Error {
  readonly code = 'SEAL_CONFLICT';

  constructor(expected: number, actual: number) {
    super(`The batch extends a tree of size ${expected}, but the stored tree has ${actual} leaves`);
    this.name = 'SealConflictError';
  }
}

/** A batch whose leaves do not continue the tree, or whose frontier has another size, is a sealer bug. */
export const assertBatchShape = (fromSize: number, leaves: readonly SealedLeaf[], frontierSize: number): void => {
  if (leaves.length === 0) throw new RangeError('A seal holds at least one leaf');
  leaves.forEach((leaf, i) => {
    if (leaf.leafIndex !== fromSize + i) throw new RangeError(`Leaf ${leaf.leafIndex} where ${fromSize + i} was expected`);
    if (i > 0 && leaf.position <= leaves[i - 1].position) throw new RangeError(`Leaf ${leaf.leafIndex} is not after the previous one in the log`);
  });
  if (frontierSize !== fromSize + leaves.length) throw new RangeError(`The frontier has ${frontierSize} leaves, the batch ends at ${fromSize + leaves.length}`);
};

/**
 * The Merkle tree over the global log, kept in the same database as the events (SQLite file or
 * PostgreSQL schema), append-only. Written by one sealer at a time; read by proofs and verifiers.
 */
export interface AuditStore {
  /** The latest seal; size 0 and an empty frontier before the first. */
  sealState(): Promise<SealState>;

  /**
   * Writes a batch in one transaction: leaves, nodes, and the new frontier with its sealed
   * position. Throws {@link SealConflictError} (writing nothing) if the stored tree does not end
   * where the batch starts.
   */
  seal(batch: SealBatch): Promise<void>;

  /**
   * Tries to become the only sealer of this database for the life of this store (PostgreSQL: a
   * session advisory lock). SQLite always answers true: its writes are serialized and
   * {@link seal} refuses a batch that does not start where the stored tree ends.
   */
  tryBecomeSealer(): Promise<boolean>;

  /** Up to `maxCount` leaves from `fromIndex`, in order. */
  readLeaves(fromIndex: number, maxCount: number): Promise<SealedLeaf[]>;

  /** The leaf sealed for the event at `position`, if any. */
  leafAt(position: bigint): Promise<SealedLeaf | undefined>;

  /** A leaf with this hash, if any: a full scan, for diagnosing a mismatch, never on a hot path. */
  findLeafByHash(hash: Uint8Array): Promise<SealedLeaf | undefined>;

  /** Stored nodes of one level with `fromIndex ≤ index < toIndex`, in order. */
  readNodes(level: number, fromIndex: number, toIndex: number): Promise<StoredNode[]>;

  /** Stored hashes of the given nodes (level 0: leaves); missing ones are absent from the map. */
  readNodeHashes(keys: readonly NodeKey[]): Promise<Map<string, Buffer>>;

  /** Stores a checkpoint; if one of that size exists already, keeps it and returns it. */
  saveCheckpoint(checkpoint: StoredCheckpoint): Promise<StoredCheckpoint>;

  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;

  checkpointAt(treeSize: number): Promise<StoredCheckpoint | undefined>;

  /** Up to `maxCount` checkpoints with `afterSize < treeSize ≤ upToSize`, by size. */
  readCheckpoints(afterSize: number, upToSize: number, maxCount: number): Promise<StoredCheckpoint[]>;

  /** Releases the sealer lock and the connections this store opened. */
  close(): Promise<void>;
}
