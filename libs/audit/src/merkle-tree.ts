import { createHash } from 'node:crypto';
import { sha256 } from './leaf';

/** Size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

/** RFC 9162 §2.1.1: a leaf is hashed as SHA-256(0x00 ‖ entry). */
export const leafHash = (entry: Uint8Array): Buffer =>
  createHash('sha256').update(LEAF_PREFIX).update(entry).digest();

/** RFC 9162 §2.1.1: an interior node is hashed as SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  }
  // In one call over a reused buffer: the tree hashes a node per leaf.
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE);
  return sha256(NODE_INPUT);
};

/** MTH({}) = SHA-256 of the empty string: the root of the tree with no leaves. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const NODE_INPUT = Buffer.concat([NODE_PREFIX, Buffer.alloc(2 * HASH_SIZE)]);

/** The Merkle Tree Hash (RFC 9162 §2.1.1) of a list of leaf hashes. */
export const rootOf = (leafHashes: readonly Uint8Array[]): Buffer => {
  if (leafHashes.length === 0) return Buffer.from(EMPTY_ROOT);
  const read = nodeReaderFromLeaves(leafHashes);
  return rangeHash(0, leafHashes.length, read);
};

/**
 * Reads the hash of a perfect subtree: the node at `level` (0 for leaves) and `index` on that
 * level, which covers leaves `[index·2^level, (index+1)·2^level)`. Proof generation needs nothing
 * else, so it runs unchanged over a leaf array in tests and over stored nodes in the database.
 */
export type NodeReader = (level: number, index: number) => Buffer;

/**
 * A {@link NodeReader} over leaf hashes held in memory, with every perfect node computed up front
 * (about 2n hashes): the whole tree, for tests and small in-memory logs.
 */
export const nodeReaderFromLeaves = (leafHashes: readonly Uint8Array[]): NodeReader => {
  const levels: Buffer[][] = [leafHashes.map((hash) => Buffer.from(hash))];
  for (let below = levels[0]; below.length > 1; below = levels[levels.length - 1]) {
    const above: Buffer[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) above.push(nodeHash(below[i], below[i + 1]));
    levels.push(above);
  }
  return (level, index) => {
    const hash = levels[level]?.[index];
    if (hash === undefined) throw new RangeError(`No complete node at level ${level}, index ${index}`);
    return hash;
  };
};

/**
 * MTH(D[start:end]) for a range that is a node of the tree, i.e. `start` is a multiple of the
 * largest power of two below `end - start` (always so inside the RFC 9162 recursions). Perfect
 * ranges are read; the ragged right edge is rebuilt from the perfect subtrees it splits into.
 */
export const rangeHash = (start: number, end: number, read: NodeReader): Buffer => {
  const size = end - start;
  if (size <= 0) throw new RangeError(`Empty range [${start}, ${end})`);
  if (isPowerOfTwo(size)) return read(log2(size), start / size);
  const k = largestPowerOfTwoBelow(size);
  return nodeHash(rangeHash(start, start + k, read), rangeHash(start + k, end, read));
};

/** The root hash of the tree of the first `treeSize` leaves, read through `read`. */
export const rootAt = (treeSize: number, read: NodeReader): Buffer => {
  assertCount('treeSize', treeSize);
  return treeSize === 0 ? Buffer.from(EMPTY_ROOT) : rangeHash(0, treeSize, read);
};

/**
 * The audit path of leaf `leafIndex` in the tree of size `treeSize` (RFC 9162 §2.1.3.1 PATH),
 * ordered from the leaf's sibling up to the child of the root.
 */
export const inclusionProof = (leafIndex: number, treeSize: number, read: NodeReader): Buffer[] => {
  assertCount('leafIndex', leafIndex);
  assertCount('treeSize', treeSize);
  if (leafIndex >= treeSize) throw new RangeError(`Leaf ${leafIndex} is not in a tree of size ${treeSize}`);
  return path(leafIndex, 0, treeSize, read);
};

const path = (m: number, start: number, end: number, read: NodeReader): Buffer[] => {
  if (end - start === 1) return [];
  const split = start + largestPowerOfTwoBelow(end - start);
  return m < split
    ? [...path(m, start, split, read), rangeHash(split, end, read)]
    : [...path(m, split, end, read), rangeHash(start, split, read)];
};

/**
 * The consistency proof from the tree of size `size1` to the tree of size `size2` (RFC 9162
 * §2.1.4.1 PROOF / SUBPROOF). Empty when the sizes are equal; a proof from the empty tree is
 * refused, as the verifier refuses it (it would prove nothing).
 */
export const consistencyProof = (size1: number, size2: number, read: NodeReader): Buffer[] => {
  assertCount('size1', size1);
  assertCount('size2', size2);
  if (size1 === 0 || size1 > size2) throw new RangeError(`No consistency proof from size ${size1} to ${size2}`);
  return subproof(size1, 0, size2, true, read);
};

const subproof = (m: number, start: number, end: number, known: boolean, read: NodeReader): Buffer[] => {
  // `m` counts leaves from `start`; `known` says the verifier already holds MTH(D[start:start+m]).
  const size = end - start;
  if (m === size) return known ? [] : [rangeHash(start, end, read)];
  const k = largestPowerOfTwoBelow(size);
  return m <= k
    ? [...subproof(m, start, start + k, known, read), rangeHash(start + k, end, read)]
    : [...subproof(m - k, start + k, end, false, read), rangeHash(start, start + k, read)];
};

/**
 * The compact range `[0, size)` of the log: the roots of its perfect subtrees, largest (leftmost)
 * first, one per set bit of `size`. Enough to append leaves and compute the root at every size in
 * O(log n) memory, which is what a sealer following the log keeps between runs.
 */
export type Frontier = { readonly size: number; readonly hashes: readonly Buffer[] };

/** The {@link Frontier} as JSON: hex hashes, so it can be persisted and resumed. */
export type FrontierJson = { size: number; hashes: string[] };

/** The frontier of the empty log. */
export const emptyFrontier = (): Frontier => ({ size: 0, hashes: [] });

/** Appends one leaf hash, merging the perfect subtrees it completes (one per trailing 1 bit of the old size). */
export const appendLeaf = (frontier: Frontier, hash: Uint8Array): Frontier => {
  if (hash.length !== HASH_SIZE) throw new RangeError(`A leaf hash has ${HASH_SIZE} bytes, got ${hash.length}`);
  const hashes = [...frontier.hashes];
  let merged: Buffer = Buffer.from(hash);
  for (let size = frontier.size; size % 2 === 1; size = Math.floor(size / 2)) {
    merged = nodeHash(hashes.pop()!, merged);
  }
  hashes.push(merged);
  return { size: frontier.size + 1, hashes };
};

/** Appends leaf hashes in order. */
export const appendLeaves = (frontier: Frontier, hashes: Iterable<Uint8Array>): Frontier => {
  let next = frontier;
  for (const hash of hashes) next = appendLeaf(next, hash);
  return next;
};

/** The root hash of the tree the frontier stands for: its subtree roots folded right to left. */
export const frontierRoot = ({ hashes }: Frontier): Buffer => {
  if (hashes.length === 0) return Buffer.from(EMPTY_ROOT);
  return hashes.slice(0, -1).reduceRight((right, left) => nodeHash(left, right), hashes[hashes.length - 1]);
};

/** Serializes a frontier for storage. */
export const frontierToJson = ({ size, hashes }: Frontier): FrontierJson => ({
  size,
  hashes: hashes.map((hash) => hash.toString('hex')),
});

/** Restores a stored frontier, checking that its shape matches its size. */
export const frontierFromJson = (json: FrontierJson): Frontier => {
  assertCount('size', json.size);
  if (!Array.isArray(json.hashes) || json.hashes.length !== popCount(json.size)) {
    throw new RangeError(`A frontier of size ${json.size} holds ${popCount(json.size)} hashes`);
  }
  const hashes = json.hashes.map((hex) => {
    if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/i.test(hex)) throw new RangeError(`Not a SHA-256 hex hash: ${hex}`);
    return Buffer.from(hex, 'hex');
  });
  return { size: json.size, hashes };
};

// Loops and arithmetic rather than bit operators, which truncate to 32 bits in JS.
const isPowerOfTwo = (n: number): boolean => {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
};

const log2 = (powerOfTwo: number): number => {
  let level = 0;
  for (let k = 1; k < powerOfTwo; k *= 2) level++;
  return level;
};

/** The k of RFC 9162 §2.1.1: the largest power of two smaller than `n` (n ≥ 2). */
const largestPowerOfTwoBelow = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const popCount = (n: number): number => {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
};

const assertCount = (name: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
};
