import { bytesEqual, concatBytes, sha256Step, type Steps } from './crypto-steps';

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

const NODE_PREFIX = Uint8Array.of(0x01);

/** RFC 9162 interior node: SHA-256(0x01 ‖ left ‖ right). */
const hashChildrenStep = (left: Uint8Array, right: Uint8Array): Steps<Uint8Array> => sha256Step(concatBytes(NODE_PREFIX, left, right));

/**
 * The root that `proof` leads to from leaf `leafIndex` with hash `leafHash` in a tree of
 * `treeSize` leaves: RFC 9162 §2.1.3.2 steps 1–5, without the final comparison.
 */
export function* inclusionRootSteps(leafIndex: TreeCount, treeSize: TreeCount, leafHash: Uint8Array, proof: readonly Uint8Array[]): Steps<Uint8Array> {
  const index = toCount('leafIndex', leafIndex);
  const size = toCount('treeSize', treeSize);
  if (index >= size) throw new ProofError('OUT_OF_RANGE', `Leaf ${index} is not in a tree of size ${size}`);
  assertHashes('leaf hash', [leafHash]);
  assertHashes('proof', proof);

  let fn = index;
  let sn = size - 1n;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) throw new ProofError('MALFORMED_PROOF', 'Inclusion proof is too long');
    if ((fn & 1n) === 1n || fn === sn) {
      r = yield* hashChildrenStep(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = yield* hashChildrenStep(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('MALFORMED_PROOF', 'Inclusion proof is too short');
  return r;
}

/**
 * Checks that leaf `leafIndex` with hash `leafHash` is in the tree of `treeSize` leaves whose root
 * is `root` (RFC 9162 §2.1.3.2). Returns nothing; throws a {@link ProofError} if not.
 */
export function* verifyInclusionSteps(
  leafIndex: TreeCount,
  treeSize: TreeCount,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Steps<void> {
  const computed = yield* inclusionRootSteps(leafIndex, treeSize, leafHash, proof);
  if (!bytesEqual(computed, root)) throw new ProofError('ROOT_MISMATCH', 'Inclusion proof leads to another root');
}

export const toCount = (name: string, value: TreeCount): bigint => {
  const valid = typeof value === 'bigint' ? value >= 0n : Number.isSafeInteger(value) && value >= 0;
  if (!valid) throw new ProofError('OUT_OF_RANGE', `${name} must be a non-negative integer, got ${String(value)}`);
  return BigInt(value);
};

export const assertHashes = (what: string, hashes: readonly Uint8Array[]): void => {
  for (const hash of hashes) {
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
      throw new ProofError('MALFORMED_PROOF', `Every ${what} hash has ${HASH_SIZE} bytes`);
    }
  }
};
