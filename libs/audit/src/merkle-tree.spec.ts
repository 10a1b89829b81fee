import { createHash } from 'node:crypto';
import {
  appendLeaf,
  appendLeaves,
  consistencyProof,
  EMPTY_ROOT,
  emptyFrontier,
  frontierFromJson,
  frontierRoot,
  frontierToJson,
  inclusionProof,
  leafHash,
  nodeHash,
  nodeReaderFromLeaves,
  rangeHash,
  rootAt,
  rootOf,
} from './merkle-tree';
import { seededRandom } from './testing/vectors';

const hex = (hash: Buffer) => hash.toString('hex');
const hexes = (hashes: Buffer[]) => hashes.map(hex);

// Known answers from transparency-dev/merkle, proof/verify_test.go (Apache-2.0): eight leaves and
// the root of every prefix of them.
const KNOWN_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const KNOWN_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const knownLeafHashes = KNOWN_LEAVES.map((data) => leafHash(Buffer.from(data, 'hex')));
const knownReader = nodeReaderFromLeaves(knownLeafHashes);

const randomLeafHashes = (count: number, seed: number): Buffer[] => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => leafHash(Buffer.from([random() * 256, random() * 256, random() * 256])));
};

describe('Merkle tree hashing (RFC 9162 §2.1.1)', () => {
  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    const a = Buffer.from('a');
    expect(hex(leafHash(a))).toBe(createHash('sha256').update(Buffer.from([0, 0x61])).digest('hex'));
    const [l, r] = [leafHash(a), leafHash(Buffer.from('b'))];
    expect(hex(nodeHash(l, r))).toBe(createHash('sha256').update(Buffer.concat([Buffer.from([1]), l, r])).digest('hex'));
  });

  it('gives the empty tree the SHA-256 of the empty string', () => {
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootOf([]).equals(EMPTY_ROOT)).toBe(true);
  });

  it('computes the published root of every prefix of the reference leaves', () => {
    KNOWN_ROOTS.forEach((root, i) => expect(hex(rootOf(knownLeafHashes.slice(0, i + 1)))).toBe(root));
  });

  it('reads the root of any older size from the nodes of a larger tree', () => {
    KNOWN_ROOTS.forEach((root, i) => expect(hex(rootAt(i + 1, knownReader))).toBe(root));
    expect(rootAt(0, knownReader).equals(EMPTY_ROOT)).toBe(true);
  });

  it('hashes an unbalanced range from the perfect subtrees it splits into', () => {
    expect(rangeHash(4, 7, knownReader).equals(nodeHash(nodeHash(knownLeafHashes[4], knownLeafHashes[5]), knownLeafHashes[6]))).toBe(true);
  });

  it('refuses to read a node that the leaves do not complete', () => {
    expect(() => nodeReaderFromLeaves(knownLeafHashes.slice(0, 3))(1, 1)).toThrow(RangeError);
  });
});

describe('proof generation (RFC 9162 §2.1.3.1 and §2.1.4.1)', () => {
  // The known proofs of transparency-dev/merkle proof/verify_test.go, indices made 0-based.
  it.each([
    [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
    [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
    [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
    [0, 1, []],
  ])('gives the published audit path of leaf %i in a tree of size %i', (leaf, size, expected) => {
    expect(hexes(inclusionProof(leaf, size, knownReader))).toEqual(expected);
  });

  it.each([
    [1, 1, []],
    [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
    [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
    [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  ])('gives the published consistency proof from size %i to size %i', (size1, size2, expected) => {
    expect(hexes(consistencyProof(size1, size2, knownReader))).toEqual(expected);
  });

  it.each([
    ['a leaf beyond the tree', () => inclusionProof(3, 3, knownReader)],
    ['a negative index', () => inclusionProof(-1, 3, knownReader)],
    ['a fractional size', () => inclusionProof(0, 2.5, knownReader)],
    ['a proof from the empty tree', () => consistencyProof(0, 4, knownReader)],
    ['a proof to a smaller tree', () => consistencyProof(5, 4, knownReader)],
  ])('refuses %s', (_what, generate) => {
    expect(generate).toThrow(RangeError);
  });
});

describe('the frontier a sealer keeps', () => {
  const leaves = randomLeafHashes(300, 6962);

  it('has the root of rootOf at every size from 0 to 300', () => {
    let frontier = emptyFrontier();
    expect(frontierRoot(frontier).equals(rootOf([]))).toBe(true);
    leaves.forEach((hash, i) => {
      frontier = appendLeaf(frontier, hash);
      expect(frontier.size).toBe(i + 1);
      expect(hex(frontierRoot(frontier))).toBe(hex(rootOf(leaves.slice(0, i + 1))));
    });
  });

  it('holds one hash per set bit of its size', () => {
    const frontier = appendLeaves(emptyFrontier(), leaves.slice(0, 0b10110));
    expect(frontier.hashes).toHaveLength(3);
    expect(frontier.hashes[0].equals(rangeHash(0, 16, nodeReaderFromLeaves(leaves)))).toBe(true);
  });

  it('resumes from its JSON form exactly where it stopped', () => {
    const stored = JSON.parse(JSON.stringify(frontierToJson(appendLeaves(emptyFrontier(), leaves.slice(0, 123)))));
    const resumed = appendLeaves(frontierFromJson(stored), leaves.slice(123));
    expect(hex(frontierRoot(resumed))).toBe(hex(rootOf(leaves)));
  });

  it('does not change the frontier it appended to', () => {
    const before = appendLeaves(emptyFrontier(), leaves.slice(0, 7));
    const root = hex(frontierRoot(before));
    appendLeaf(before, leaves[7]);
    expect(hex(frontierRoot(before))).toBe(root);
  });

  it.each([
    ['too few hashes for its size', { size: 3, hashes: ['00'.repeat(32)] }],
    ['too many hashes for its size', { size: 4, hashes: ['00'.repeat(32), '11'.repeat(32)] }],
    ['a hash that is not hex', { size: 1, hashes: ['zz'.repeat(32)] }],
    ['a negative size', { size: -1, hashes: [] }],
  ])('refuses a stored frontier with %s', (_what, json) => {
    expect(() => frontierFromJson(json)).toThrow(RangeError);
  });

  it('refuses a leaf hash of the wrong length', () => {
    expect(() => appendLeaf(emptyFrontier(), Buffer.alloc(31))).toThrow(RangeError);
  });
});
