import { readFileSync } from 'node:fs';
import path from 'node:path';
import { consistencyProof, inclusionProof, leafHash, nodeHash, nodeReaderFromLeaves, rootAt, rootOf, type NodeReader } from './merkle-tree';
import { ProofError, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './proofs';
import { filesUnder, seededRandom, VECTORS_DIR } from './testing/vectors';

// The transparency-dev/merkle vectors: base64 hashes, `proof` null for an empty proof, and
// `wantErr` saying whether verification must fail (every mutated case) or succeed (happy paths).
const RFC6962 = path.join(VECTORS_DIR, 'rfc6962');
type InclusionCase = { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; desc: string; wantErr: boolean };
type ConsistencyCase = { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; desc: string; wantErr: boolean };
type SubtreeInclusionCase = Omit<InclusionCase, 'treeSize'> & { start: number; end: number };
type SubtreeConsistencyCase = Omit<ConsistencyCase, 'size1' | 'size2'> & { start: number; end: number; size: number };

const readCases = <T>(folder: string): [string, T][] =>
  filesUnder(path.join(RFC6962, folder)).map((file) => [path.relative(RFC6962, file), JSON.parse(readFileSync(file, 'utf8')) as T]);
const b64 = (text: string) => Buffer.from(text, 'base64');
const hashes = (proof: string[] | null) => (proof ?? []).map(b64);
const outcome = (wantErr: boolean) => (wantErr ? 'is refused' : 'verifies');

/** Runs a verification and reports its outcome, insisting that refusals are ProofErrors. */
const verifies = (verify: () => void): boolean => {
  try {
    verify();
    return true;
  } catch (error) {
    if (!(error instanceof ProofError)) throw error;
    return false;
  }
};

const smallestPowerOfTwoAtLeast = (n: number): number => {
  let k = 1;
  while (k < n) k *= 2;
  return k;
};

/**
 * A subtree [start, end) of a log is itself an RFC 9162 tree over D[start:end] when start is a
 * multiple of the smallest power of two ≥ end − start (the transparency-dev/merkle rule), so its
 * inclusion proofs are plain RFC 9162 inclusion proofs of leaf index − start in a tree of end − start.
 */
const verifySubtreeInclusion = (c: SubtreeInclusionCase): void => {
  if (c.start >= c.end || c.start % smallestPowerOfTwoAtLeast(c.end - c.start) !== 0) {
    throw new ProofError('OUT_OF_RANGE', `[${c.start}, ${c.end}) is not a subtree`);
  }
  if (c.leafIdx < c.start || c.leafIdx >= c.end) throw new ProofError('OUT_OF_RANGE', 'Leaf outside the subtree');
  verifyInclusion(c.leafIdx - c.start, c.end - c.start, b64(c.leafHash), hashes(c.proof), b64(c.root));
};

describe('proof verification against the transparency-dev/merkle vectors', () => {
  const inclusion = readCases<InclusionCase>('inclusion');
  const consistency = readCases<ConsistencyCase>('consistency');
  const subtreeInclusion = readCases<SubtreeInclusionCase>('subtreeinclusion');
  // Only the subtrees that are a non-empty prefix [0, end) of the log make an RFC 9162 claim
  // (consistency between sizes end and size); the others belong to a different proof scheme.
  const subtreeConsistency = readCases<SubtreeConsistencyCase>('subtreeconsistency').filter(([, c]) => c.start === 0 && c.end > 0);

  it('finds happy paths and mutated cases in every folder it reads', () => {
    for (const cases of [inclusion, consistency, subtreeInclusion, subtreeConsistency]) {
      expect(cases.some(([, c]) => c.wantErr)).toBe(true);
      expect(cases.some(([, c]) => !c.wantErr)).toBe(true);
    }
  });

  it.each(inclusion)('inclusion %s %#', (_file, c) => {
    const verify = () => verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), hashes(c.proof), b64(c.root));
    expect({ desc: c.desc, outcome: outcome(!verifies(verify)) }).toEqual({ desc: c.desc, outcome: outcome(c.wantErr) });
  });

  it.each(consistency)('consistency %s %#', (_file, c) => {
    const verify = () => verifyConsistency(c.size1, c.size2, hashes(c.proof), b64(c.root1), b64(c.root2));
    expect({ desc: c.desc, outcome: outcome(!verifies(verify)) }).toEqual({ desc: c.desc, outcome: outcome(c.wantErr) });
  });

  it.each(subtreeInclusion)('subtree inclusion, as inclusion in the subtree %s %#', (_file, c) => {
    expect({ desc: c.desc, outcome: outcome(!verifies(() => verifySubtreeInclusion(c))) }).toEqual({ desc: c.desc, outcome: outcome(c.wantErr) });
  });

  it.each(subtreeConsistency)('subtree consistency of a prefix, as consistency between sizes %s %#', (_file, c) => {
    const verify = () => verifyConsistency(c.end, c.size, hashes(c.proof), b64(c.root1), b64(c.root2));
    expect({ desc: c.desc, outcome: outcome(!verifies(verify)) }).toEqual({ desc: c.desc, outcome: outcome(c.wantErr) });
  });
});

describe('proof verification', () => {
  const leaves = Array.from({ length: 7 }, (_, i) => leafHash(Buffer.from([i])));
  const read = nodeReaderFromLeaves(leaves);

  it('computes the root an inclusion proof leads to', () => {
    expect(rootFromInclusionProof(3, 7, leaves[3], inclusionProof(3, 7, read)).equals(rootOf(leaves))).toBe(true);
  });

  it('takes tree positions as bigint as well as number', () => {
    expect(() => verifyInclusion(3n, 7n, leaves[3], inclusionProof(3, 7, read), rootOf(leaves))).not.toThrow();
    expect(() => verifyConsistency(3n, 7n, consistencyProof(3, 7, read), rootOf(leaves.slice(0, 3)), rootOf(leaves))).not.toThrow();
  });

  it.each([
    ['a leaf outside the tree', () => verifyInclusion(7, 7, leaves[0], [], rootOf(leaves)), 'OUT_OF_RANGE'],
    ['a negative index', () => verifyInclusion(-1, 7, leaves[0], [], rootOf(leaves)), 'OUT_OF_RANGE'],
    ['a fractional size', () => verifyInclusion(0, 1.5, leaves[0], [], leaves[0]), 'OUT_OF_RANGE'],
    ['a proof that is too short', () => verifyInclusion(3, 7, leaves[3], inclusionProof(3, 7, read).slice(1), rootOf(leaves)), 'MALFORMED_PROOF'],
    ['a proof hash of the wrong length', () => verifyInclusion(0, 2, leaves[0], [Buffer.alloc(31)], rootOf(leaves.slice(0, 2))), 'MALFORMED_PROOF'],
    ['a tree that shrank', () => verifyConsistency(5, 4, [leaves[0]], leaves[0], leaves[0]), 'OUT_OF_RANGE'],
    ['a proof from the empty tree', () => verifyConsistency(0, 4, [], rootOf([]), rootOf(leaves.slice(0, 4))), 'OUT_OF_RANGE'],
    ['two roots for one size', () => verifyConsistency(7, 7, [], rootOf(leaves), leaves[0]), 'ROOT_MISMATCH'],
    ['an inclusion proof for the wrong leaf', () => verifyInclusion(3, 7, leaves[4], inclusionProof(3, 7, read), rootOf(leaves)), 'ROOT_MISMATCH'],
  ])('refuses %s with a typed error', (_what, verify, code) => {
    expect(verify).toThrow(ProofError);
    expect(verify).toThrow(expect.objectContaining({ code }));
  });

  it('works past 2^32 leaves, where bitwise operators on numbers would truncate', () => {
    // A tree of 2^40 + 5 leaves without 2^40 hashes: the first 2^40 leaves are equal, so a
    // perfect node among them depends only on its level; the five after them are distinct.
    const boundary = 2 ** 40;
    const uniform = [leafHash(Buffer.from('same'))];
    const read: NodeReader = (level, index) => {
      if ((index + 1) * 2 ** level <= boundary) {
        while (uniform.length <= level) uniform.push(nodeHash(uniform[uniform.length - 1], uniform[uniform.length - 1]));
        return uniform[level];
      }
      if (level === 0) return leafHash(Buffer.from(`leaf ${index}`));
      return nodeHash(read(level - 1, 2 * index), read(level - 1, 2 * index + 1));
    };
    const size = boundary + 5;
    const root = rootAt(size, read);
    for (const index of [boundary + 3, boundary + 4, 2 ** 33 + 1]) {
      const proof = inclusionProof(index, size, read);
      expect(() => verifyInclusion(index, size, read(0, index), proof, root)).not.toThrow();
      expect(() => verifyInclusion(index, size, read(0, boundary), proof, root)).toThrow(ProofError);
    }
    const tail = boundary + 3;
    expect(() => verifyInclusion(tail - 2 ** 32, size, read(0, tail), inclusionProof(tail, size, read), root)).toThrow(ProofError);
    for (const older of [boundary + 3, 2 ** 33 + 7]) {
      const proof = consistencyProof(older, size, read);
      expect(() => verifyConsistency(older, size, proof, rootAt(older, read), root)).not.toThrow();
      expect(() => verifyConsistency(older - 2 ** 32, size, proof, rootAt(older, read), root)).toThrow(ProofError);
    }
  });
});

describe('generated proofs against the verifier, on random trees of size 1 to 300', () => {
  const random = seededRandom(9162);
  const pick = (below: number) => Math.floor(random() * below);
  const leaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`event ${i} ${random()}`)));
  // One store of 300 leaves serves the proofs of every older size, as the database will.
  const read = nodeReaderFromLeaves(leaves);
  const roots = [rootOf([]), ...leaves.map((_, i) => rootOf(leaves.slice(0, i + 1)))];
  const flipBit = (proof: Buffer[]) => {
    const copy = proof.map((hash) => Buffer.from(hash));
    const at = pick(copy.length);
    copy[at][pick(32)] ^= 1 << pick(8);
    return copy;
  };

  it('verifies every generated inclusion proof and refuses every mutation of it', () => {
    for (let size = 1; size <= 300; size++) {
      for (const index of new Set([0, size - 1, pick(size), pick(size), pick(size)])) {
        const proof = inclusionProof(index, size, read);
        verifyInclusion(index, size, leaves[index], proof, roots[size]);
        const refused = [
          () => verifyInclusion(index, size, leaves[(index + 1) % 300], proof, roots[size]),
          () => verifyInclusion(index, size, leaves[index], [...proof, roots[size]], roots[size]),
        ];
        // The root of the larger tree, so that only the claimed size is wrong.
        if (size < 300) refused.push(() => verifyInclusion(index, size + 1, leaves[index], proof, roots[size + 1]));
        if (index + 1 < size) refused.push(() => verifyInclusion(index + 1, size, leaves[index], proof, roots[size]));
        if (proof.length > 0) {
          refused.push(() => verifyInclusion(index, size, leaves[index], flipBit(proof), roots[size]));
          refused.push(() => verifyInclusion(index, size, leaves[index], proof.slice(0, -1), roots[size]));
        }
        // verifies() rethrows anything but a ProofError; counting is much faster than toThrow here.
        expect(refused.filter(verifies)).toHaveLength(0);
      }
    }
  });

  it('verifies every generated consistency proof and refuses every mutation of it', () => {
    for (let size2 = 1; size2 <= 300; size2++) {
      for (const size1 of new Set([1, size2, 1 + pick(size2), 1 + pick(size2), 1 + pick(size2)])) {
        const proof = consistencyProof(size1, size2, read);
        verifyConsistency(size1, size2, proof, roots[size1], roots[size2]);
        if (size1 === size2) continue;
        const refused = [
          () => verifyConsistency(size1, size2, flipBit(proof), roots[size1], roots[size2]),
          () => verifyConsistency(size1, size2, proof.slice(0, -1), roots[size1], roots[size2]),
          () => verifyConsistency(size1, size2, [...proof, roots[size2]], roots[size1], roots[size2]),
          () => verifyConsistency(size1, size2, proof, roots[size2], roots[size1]),
          () => verifyConsistency(size1, size2, proof, roots[size1 - 1], roots[size2]),
          () => verifyConsistency(size1, size2, proof, roots[size1], roots[size2 - 1]),
        ];
        // verifies() rethrows anything but a ProofError; counting is much faster than toThrow here.
        expect(refused.filter(verifies)).toHaveLength(0);
      }
    }
  });
});
