import { appendLeaves, emptyFrontier, nodeReaderFromLeaves, rootOf } from './merkle-tree';
import { seededRandom } from './testing/vectors';
import { TreeBuilder } from './tree-builder';

const leaves = (count: number): Buffer[] => {
  const random = seededRandom(count + 1);
  return Array.from({ length: count }, () => Buffer.from(Array.from({ length: 32 }, () => Math.floor(random() * 256))));
};

describe('TreeBuilder', () => {
  it.each([0, 1, 2, 3, 7, 8, 9, 31, 32, 33, 100])('grows the same tree as the reference for %i leaves', (count) => {
    const hashes = leaves(count);
    const tree = new TreeBuilder();
    hashes.forEach((hash) => tree.append(hash));
    expect(tree.size).toBe(count);
    expect(tree.frontier).toEqual(appendLeaves(emptyFrontier(), hashes));
    expect(tree.root()).toEqual(rootOf(hashes));
  });

  it('reports each perfect subtree once, when its last leaf arrives, with the reference hash', () => {
    const hashes = leaves(100);
    const reference = nodeReaderFromLeaves(hashes);
    const tree = new TreeBuilder();
    const seen: string[] = [];
    hashes.forEach((hash, i) =>
      tree.append(hash, (level, index, node) => {
        expect((index + 1) * 2 ** level - 1).toBe(i);
        expect(node).toEqual(reference(level, index));
        seen.push(`${level}/${index}`);
      }),
    );
    // 100 leaves hold 50 + 25 + 12 + 6 + 3 + 1 perfect nodes above the leaves.
    expect(seen).toHaveLength(97);
    expect(new Set(seen).size).toBe(97);
  });

  it('resumes from a stored frontier as if it had never stopped', () => {
    const hashes = leaves(77);
    const first = new TreeBuilder();
    hashes.slice(0, 45).forEach((hash) => first.append(hash));
    const resumed = new TreeBuilder(first.frontier);
    const nodes: string[] = [];
    hashes.slice(45).forEach((hash) => resumed.append(hash, (level, index) => nodes.push(`${level}/${index}`)));
    expect(resumed.root()).toEqual(rootOf(hashes));
    expect(nodes).toContain('6/0');
  });

  it('refuses a leaf hash of the wrong length', () => {
    expect(() => new TreeBuilder().append(Buffer.alloc(31))).toThrow(RangeError);
  });
});
