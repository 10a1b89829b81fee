import { runSteps } from './crypto-steps';
import { NODE_CRYPTO } from './node-crypto';
import { formatCheckpoint, type NoteSigner, type NoteVerifier, rawPublicKey, signNote } from './signed-note';
import { openCheckpointSteps, TIME_PREFIX } from './signed-note-reader';

/** A checkpoint as its signed note states it, after the signature was checked. */
export interface OpenedCheckpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** When it was signed (ISO 8601 UTC), if the note says. */
  readonly signedAt?: string;
  readonly note: string;
}

/**
 * Signs the checkpoint of the tree of `treeSize` leaves with root `rootHash`. The key name is the
 * log's origin, as C2SP checkpoints conventionally have it.
 */
export const signCheckpoint = (treeSize: number, rootHash: Uint8Array, signedAt: string, signer: NoteSigner): string =>
  signNote(formatCheckpoint({ origin: signer.name, treeSize, rootHash, extensions: [`${TIME_PREFIX}${signedAt}`] }), signer);

/**
 * Verifies a checkpoint note with the log's key and reads it. Throws a `SignedNoteError`: a bad
 * or missing signature, a malformed body, or an origin other than the key's name (a checkpoint of
 * another log signed with the same key proves nothing about this one).
 */
export const openCheckpoint = (note: string, verifier: NoteVerifier): OpenedCheckpoint => {
  const opened = runSteps(openCheckpointSteps(note, verifier.name, rawPublicKey(verifier.publicKey)), NODE_CRYPTO);
  return { ...opened, rootHash: Buffer.from(opened.rootHash) };
};
