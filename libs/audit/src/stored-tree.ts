import { type Frontier, frontierFromJson, HASH_SIZE, nodeHash, type NodeReader } from './merkle-tree';

/**
 * Perfect subtrees are stored from this level up (level 0, the leaves, is always stored). The
 * levels below would cost about 7/8 of a row per leaf; a proof reads at most one node per level,
 * so rebuilding those three levels from the leaves costs at most 1 + 2 + 4 + 8 = 15 extra leaf
 * reads per proof, for a sealer that writes 1/8 of a node row per leaf instead of 1.
 */
export const LOWEST_STORED_LEVEL = 4;

/** A perfect subtree: the node at `level` (0 for leaves) and `index` on that level. */
export interface NodeKey {
  readonly level: number;
  readonly index: number;
}

/** A stored perfect subtree and its hash. */
export interface StoredNode extends NodeKey {
  readonly hash: Buffer;
}

/** Whether nodes at this level are stored (leaves included). */
export const isStoredLevel = (level: number): boolean => level === 0 || level >= LOWEST_STORED_LEVEL;

/** Map key of a node. */
export const nodeKeyOf = (level: number, index: number): string => `${level}/${index}`;

/**
 * Reads stored hashes: level 0 from the leaves, higher levels from the stored nodes. A node that is
 * not stored is absent from the map (the caller decides whether that is an error).
 */
export type StoredHashReader = (keys: readonly NodeKey[]) => Promise<Map<string, Buffer>>;

/** A node the stored tree should hold and does not. */
export class MissingTreeNodeError extends Error {
  readonly code = 'TREE_NODE_MISSING';

  constructor(level: number, index: number) {
    super(`The stored tree has no node at level ${level}, index ${index}`);
    this.name = 'MissingTreeNodeError';
  }
}

const PLACEHOLDER = Buffer.alloc(HASH_SIZE);

/**
 * Runs a proof computation (`inclusionProof`, `consistencyProof`, `rootAt`, or several at once)
 * over the stored tree with one read. Which nodes a proof reads depends only on indexes and sizes,
 * never on hash values: a first pass with placeholder hashes records them, one read fetches them
 * (or the leaves under the levels that are not stored), and a second pass computes.
 */
export const computeFromStorage = async <T>(compute: (read: NodeReader) => T, readStored: StoredHashReader): Promise<T> => {
  const wanted = new Map<string, NodeKey>();
  compute((level, index) => {
    for (const key of storedKeysUnder(level, index)) wanted.set(nodeKeyOf(key.level, key.index), key);
    return PLACEHOLDER;
  });
  const stored = await readStored([...wanted.values()]);
  return compute(storedNodeReader(stored));
};

/** The stored nodes a perfect node is read from: itself when its level is stored, else the leaves under it. */
const storedKeysUnder = (level: number, index: number): NodeKey[] => {
  if (isStoredLevel(level)) return [{ level, index }];
  const width = 2 ** level;
  return Array.from({ length: width }, (_, i) => ({ level: 0, index: index * width + i }));
};

const storedNodeReader = (stored: Map<string, Buffer>): NodeReader => {
  const read: NodeReader = (level, index) => {
    if (!isStoredLevel(level)) return nodeHash(read(level - 1, 2 * index), read(level - 1, 2 * index + 1));
    const hash = stored.get(nodeKeyOf(level, index));
    if (hash === undefined) throw new MissingTreeNodeError(level, index);
    return hash;
  };
  return read;
};

/** A frontier as stored: its subtree hashes concatenated, largest first (the size is stored beside it). */
export const encodeFrontier = (frontier: Frontier): Buffer => Buffer.concat(frontier.hashes);

/** Reads a stored frontier back, checking that it holds one hash per set bit of `size`. */
export const decodeFrontier = (size: number, bytes: Uint8Array): Frontier => {
  if (bytes.length % HASH_SIZE !== 0) throw new RangeError(`A stored frontier is a whole number of ${HASH_SIZE}-byte hashes`);
  const hashes = Array.from({ length: bytes.length / HASH_SIZE }, (_, i) => Buffer.from(bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
  return frontierFromJson({ size, hashes: hashes.map((hash) => hash.toString('hex')) });
};
