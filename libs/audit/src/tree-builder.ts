import { emptyFrontier, type Frontier, frontierRoot, HASH_SIZE, nodeHash } from './merkle-tree';

/** Receives each perfect subtree an append completes: the node at `level` (≥ 1) and `index`. */
export type NodeSink = (level: number, index: number, hash: Buffer) => void;

/**
 * The log's Merkle tree grown one leaf at a time from a {@link Frontier}, in O(log n) memory.
 * Unlike `appendLeaf` it mutates in place (the sealer and the verifier append millions of leaves)
 * and reports every node it completes, so that the sealer can store them and the verifier can
 * compare them with the stored ones.
 */
export class TreeBuilder {
  private readonly stack: Buffer[];
  private count: number;

  constructor(frontier: Frontier = emptyFrontier()) {
    this.stack = [...frontier.hashes];
    this.count = frontier.size;
  }

  /** Number of leaves appended so far (the tree size). */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash; each merge it causes completes one node, reported to `onNode`. */
  append(leaf: Uint8Array, onNode?: NodeSink): void {
    if (leaf.length !== HASH_SIZE) throw new RangeError(`A leaf hash has ${HASH_SIZE} bytes, got ${leaf.length}`);
    let hash: Buffer = Buffer.from(leaf);
    let index = this.count;
    let level = 0;
    // One merge per trailing 1 bit of the old size; arithmetic, not bit operators, beyond 2^31 leaves.
    for (let size = this.count; size % 2 === 1; size = Math.floor(size / 2)) {
      hash = nodeHash(this.stack.pop()!, hash);
      level++;
      index = Math.floor(index / 2);
      onNode?.(level, index, hash);
    }
    this.stack.push(hash);
    this.count++;
  }

  /** The compact range of the tree as it stands, to persist and resume from. */
  get frontier(): Frontier {
    return { size: this.count, hashes: [...this.stack] };
  }

  /** The root hash of the tree as it stands. */
  root(): Buffer {
    return frontierRoot({ size: this.count, hashes: this.stack });
  }
}
