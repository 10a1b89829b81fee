import { formatCheckpoint, type NoteSigner, type NoteVerifier, parseCheckpoint, SignedNoteError, signNote, verifyNote } from './signed-note';

/**
 * The extension line that carries the signing time: DESIGN §5 has checkpoints sign the time too,
 * and a line of the body is covered by the signature where a database column would not be.
 */
const TIME_PREFIX = 'time ';

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
  const body = verifyNote(note, verifier);
  const { origin, treeSize, rootHash, extensions } = parseCheckpoint(body);
  if (origin !== verifier.name) {
    throw new SignedNoteError('MALFORMED_CHECKPOINT', `The checkpoint is for the log ${origin}, not ${verifier.name}`);
  }
  const time = extensions.find((line) => line.startsWith(TIME_PREFIX))?.slice(TIME_PREFIX.length);
  return { origin, treeSize, rootHash, signedAt: time, note };
};
