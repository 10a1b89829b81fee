import { createHash } from 'node:crypto';

/**
 * Why a proof was refused: `OUT_OF_RANGE` (index or sizes impossible for the claim),
 * `MALFORMED_PROOF` (wrong number or length of hashes), `ROOT_MISMATCH` (well formed, but the
 * hashes do not lead to the expected root).
 */
export type ProofErrorCode = 'OUT_OF_RANGE' | 'MALFORMED_PROOF' | 'ROOT_MISMATCH';

/** A refused inclusion or consistency proof. Verification either returns or throws this. */
export class ProofError extends Error {
  constructor(
    readonly code: ProofErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProofError';
  }
}

/** A leaf index or tree size: bigint as positions come from the store, or a safe integer. */
export type TreeCount = number | bigint;

const HASH_SIZE = 32;

// Kept local rather than imported from merkle-tree.ts so that this file, the whole offline
// verifier, depends on node:crypto alone.
const hashChildren = (left: Uint8Array, right: Uint8Array): Buffer =>
  createHash('sha256').update(Uint8Array.of(0x01)).update(left).update(right).digest();

/**
 * The root that `proof` leads to from leaf `leafIndex` with hash `leafHash` in a tree of
 * `treeSize` leaves: RFC 9162 §2.1.3.2 steps 1–5, without the final comparison.
 */
export const rootFromInclusionProof = (
  leafIndex: TreeCount,
  treeSize: TreeCount,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer => {
  const index = toCount('leafIndex', leafIndex);
  const size = toCount('treeSize', treeSize);
  if (index >= size) throw new ProofError('OUT_OF_RANGE', `Leaf ${index} is not in a tree of size ${size}`);
  assertHashes('leaf hash', [leafHash]);
  assertHashes('proof', proof);

  let fn = index;
  let sn = size - 1n;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0n) throw new ProofError('MALFORMED_PROOF', 'Inclusion proof is too long');
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashChildren(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = hashChildren(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('MALFORMED_PROOF', 'Inclusion proof is too short');
  return r;
};

/**
 * Checks that leaf `leafIndex` with hash `leafHash` is in the tree of `treeSize` leaves whose root
 * is `root` (RFC 9162 §2.1.3.2). Returns nothing; throws a {@link ProofError} if not.
 */
export const verifyInclusion = (
  leafIndex: TreeCount,
  treeSize: TreeCount,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void => {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  if (!computed.equals(root)) throw new ProofError('ROOT_MISMATCH', 'Inclusion proof leads to another root');
};

/**
 * Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with
 * root `root1` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and equal roots; a proof from
 * the empty tree is refused, as it would prove nothing. Throws a {@link ProofError} if not.
 */
export const verifyConsistency = (
  size1: TreeCount,
  size2: TreeCount,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void => {
  const first = toCount('size1', size1);
  const second = toCount('size2', size2);
  if (first > second) throw new ProofError('OUT_OF_RANGE', `Tree size went down from ${first} to ${second}`);
  if (first === 0n) throw new ProofError('OUT_OF_RANGE', 'No consistency proof from the empty tree');
  if (first === second) {
    if (proof.length > 0) throw new ProofError('MALFORMED_PROOF', 'Equal sizes take an empty proof');
    if (!Buffer.from(root1).equals(root2)) throw new ProofError('ROOT_MISMATCH', `Two roots for size ${first}`);
    return;
  }
  if (proof.length === 0) throw new ProofError('MALFORMED_PROOF', 'Consistency proof is empty');
  assertHashes('root', [root1, root2]);
  assertHashes('proof', proof);

  // Step 2: when size1 is a power of two its root is a node of the larger tree and heads the path.
  const path = (first & (first - 1n)) === 0n ? [root1, ...proof] : proof;
  let fn = first - 1n;
  let sn = second - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0n) throw new ProofError('MALFORMED_PROOF', 'Consistency proof is too long');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('MALFORMED_PROOF', 'Consistency proof is too short');
  if (!fr.equals(root1)) throw new ProofError('ROOT_MISMATCH', `Proof does not lead to the root of size ${first}`);
  if (!sr.equals(root2)) throw new ProofError('ROOT_MISMATCH', `Proof does not lead to the root of size ${second}`);
};

const toCount = (name: string, value: TreeCount): bigint => {
  const valid = typeof value === 'bigint' ? value >= 0n : Number.isSafeInteger(value) && value >= 0;
  if (!valid) throw new ProofError('OUT_OF_RANGE', `${name} must be a non-negative integer, got ${String(value)}`);
  return BigInt(value);
};

const assertHashes = (what: string, hashes: readonly Uint8Array[]): void => {
  for (const hash of hashes) {
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
      throw new ProofError('MALFORMED_PROOF', `Every ${what} hash has ${HASH_SIZE} bytes`);
    }
  }
};
