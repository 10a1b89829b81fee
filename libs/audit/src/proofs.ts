import { createHash } from 'node:crypto';
import { runSteps } from './crypto-steps';
import { assertHashes, inclusionRootSteps, ProofError, toCount, type TreeCount, verifyInclusionSteps } from './inclusion-proof';
import { NODE_CRYPTO } from './node-crypto';

export { ProofError, type ProofErrorCode, type TreeCount } from './inclusion-proof';

// Kept local rather than imported from merkle-tree.ts so that this file depends on node:crypto alone.
const hashChildren = (left: Uint8Array, right: Uint8Array): Buffer =>
  createHash('sha256').update(Uint8Array.of(0x01)).update(left).update(right).digest();

/**
 * The root that `proof` leads to from leaf `leafIndex` with hash `leafHash` in a tree of
 * `treeSize` leaves: RFC 9162 §2.1.3.2 steps 1–5, without the final comparison.
 */
export const rootFromInclusionProof = (leafIndex: TreeCount, treeSize: TreeCount, leafHash: Uint8Array, proof: readonly Uint8Array[]): Buffer =>
  Buffer.from(runSteps(inclusionRootSteps(leafIndex, treeSize, leafHash, proof), NODE_CRYPTO));

/**
 * Checks that leaf `leafIndex` with hash `leafHash` is in the tree of `treeSize` leaves whose root
 * is `root` (RFC 9162 §2.1.3.2). Returns nothing; throws a {@link ProofError} if not.
 */
export const verifyInclusion = (leafIndex: TreeCount, treeSize: TreeCount, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): void =>
  runSteps(verifyInclusionSteps(leafIndex, treeSize, leafHash, proof, root), NODE_CRYPTO);

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
