import { consistencyProof, inclusionProof, nodeReaderFromLeaves, rootAt } from './merkle-tree';
import { computeFromStorage, decodeFrontier, encodeFrontier, isStoredLevel, MissingTreeNodeError, type NodeKey, nodeKeyOf } from './stored-tree';
import { seededRandom } from './testing/vectors';
import { TreeBuilder } from './tree-builder';

const leaves = (count: number): Buffer[] => {
  const random = seededRandom(count + 7);
  return Array.from({ length: count }, () => Buffer.from(Array.from({ length: 32 }, () => Math.floor(random() * 256))));
};

/** What a sealer stores for these leaves: the leaves and every node at a stored level. */
const storage = (hashes: Buffer[]) => {
  const stored = new Map<string, Buffer>();
  const tree = new TreeBuilder();
  hashes.forEach((hash, i) => {
    stored.set(nodeKeyOf(0, i), hash);
    tree.append(hash, (level, index, node) => isStoredLevel(level) && stored.set(nodeKeyOf(level, index), node));
  });
  const reads: NodeKey[][] = [];
  const read = async (keys: readonly NodeKey[]) => {
    reads.push([...keys]);
    return new Map(keys.flatMap((k) => (stored.has(nodeKeyOf(k.level, k.index)) ? [[nodeKeyOf(k.level, k.index), stored.get(nodeKeyOf(k.level, k.index))!]] : [])));
  };
  return { stored, read, reads };
};

describe('proofs from the stored tree (leaves and levels ≥ 4)', () => {
  const hashes = leaves(83);
  const memory = nodeReaderFromLeaves(hashes);

  it('stores about one node per 16 leaves', () => {
    const { stored } = storage(hashes);
    expect(stored.size - hashes.length).toBe(5 + 2 + 1);
  });

  it('serves every inclusion proof of every tree size as the whole tree in memory does, in one read', async () => {
    const { read, reads } = storage(hashes);
    for (let size = 1; size <= hashes.length; size += 5) {
      const proofs = await computeFromStorage((r) => Array.from({ length: size }, (_, i) => inclusionProof(i, size, r)), read);
      expect(proofs).toEqual(Array.from({ length: size }, (_, i) => inclusionProof(i, size, memory)));
    }
    expect(reads).toHaveLength(Math.ceil(hashes.length / 5));
  });

  it('serves every consistency proof and root as the whole tree in memory does', async () => {
    const { read } = storage(hashes);
    for (let to = 1; to <= hashes.length; to += 3) {
      for (let from = 1; from <= to; from += 4) {
        expect(await computeFromStorage((r) => consistencyProof(from, to, r), read)).toEqual(consistencyProof(from, to, memory));
      }
      expect(await computeFromStorage((r) => rootAt(to, r), read)).toEqual(rootAt(to, memory));
    }
  });

  it('reads at most 15 leaves more than the proof has hashes', async () => {
    const { read, reads } = storage(hashes);
    const proof = await computeFromStorage((r) => inclusionProof(50, 83, r), read);
    expect(reads[0].length).toBeLessThanOrEqual(proof.length + 15);
  });

  it('refuses to prove from a tree that misses a node', async () => {
    const { stored, read } = storage(hashes);
    stored.delete(nodeKeyOf(4, 1));
    await expect(computeFromStorage((r) => inclusionProof(0, 83, r), read)).rejects.toBeInstanceOf(MissingTreeNodeError);
  });

  it('stores a frontier as its hashes and reads it back, refusing a wrong length', () => {
    const tree = new TreeBuilder();
    hashes.forEach((hash) => tree.append(hash));
    expect(decodeFrontier(83, encodeFrontier(tree.frontier))).toEqual(tree.frontier);
    expect(() => decodeFrontier(83, encodeFrontier(tree.frontier).subarray(1))).toThrow(RangeError);
    expect(() => decodeFrontier(84, encodeFrontier(tree.frontier))).toThrow(RangeError);
  });
});
