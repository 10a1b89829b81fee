import { bytesEqual, concatBytes, decodeBase64, ed25519VerifyStep, sha256Step, type Steps, toHex, utf8 } from './crypto-steps';

// Reading and checking C2SP signed notes, verifier keys and checkpoints, with the crypto injected
// (crypto-steps.ts): the offline verifier's part of signed-note.ts, which browsers run too.

/**
 * Why a note, key or checkpoint was refused: `MALFORMED_NOTE`, `MALFORMED_CHECKPOINT`,
 * `INVALID_KEY` (bad name, vkey or key material), `INVALID_SIGNATURE` (a signature by the trusted
 * key that does not verify), `NO_TRUSTED_SIGNATURE` (well formed, but not signed by that key).
 */
export type SignedNoteErrorCode = 'MALFORMED_NOTE' | 'MALFORMED_CHECKPOINT' | 'INVALID_KEY' | 'INVALID_SIGNATURE' | 'NO_TRUSTED_SIGNATURE';

/** A refused note, key or checkpoint. */
export class SignedNoteError extends Error {
  constructor(
    readonly code: SignedNoteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignedNoteError';
  }
}

/** A decoded verifier key, as bytes. */
export interface VerifierKeyBytes {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** The key type byte of Ed25519 in key IDs and vkeys. */
export const ED25519 = 0x01;
export const SIGNATURE_PREFIX = '\u2014 ';
// The spec asks verifiers to accept at least 16 signatures; 100 is Go's x/mod/sumdb/note limit.
const MAX_SIGNATURES = 100;
export const ROOT_HASH_SIZE = 32;

/**
 * The extension line that carries the signing time: DESIGN §5 has checkpoints sign the time too,
 * and a line of the body is covered by the signature where a database column would not be.
 */
export const TIME_PREFIX = 'time ';

/** C2SP signed-note key ID: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export function* keyIdSteps(name: string, publicKey: Uint8Array): Steps<Uint8Array> {
  const digest = yield* sha256Step(concatBytes(utf8(name), Uint8Array.of(0x0a, ED25519), publicKey));
  return digest.subarray(0, 4);
}

/** Decodes a verifier key `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`, checking that its key ID matches its name and key. */
export function* parseVerifierKeySteps(vkey: string): Steps<VerifierKeyBytes> {
  const invalid = () => new SignedNoteError('INVALID_KEY', `Not an Ed25519 verifier key: ${vkey}`);
  // Split as Go's NewVerifier does: the name ends at the first '+', and base64 may contain '+'.
  const match = /^([^+]+)\+([0-9a-fA-F]{8})\+(.+)$/.exec(vkey);
  if (match === null || !isValidKeyName(match[1])) throw invalid();
  const [, name, hexId, encoded] = match;
  const key = decodeBase64(encoded);
  if (key?.length !== 33 || key[0] !== ED25519) throw invalid();
  const publicKey = key.subarray(1);
  const keyId = yield* keyIdSteps(name, publicKey);
  if (toHex(keyId) !== hexId.toLowerCase()) throw invalid();
  return { name, keyId, publicKey };
}

/**
 * Opens a signed note with one trusted key and returns its body (the text the signatures cover).
 * Signatures from other keys are ignored, as the spec requires; every signature carrying the
 * trusted name and key ID must verify, and at least one must be present.
 */
/** A signature line of a note, not verified. */
export interface NoteSignatureLine {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly signature: Uint8Array;
}

/** A note cut into its body (the text the signatures cover) and its signature lines, none of them verified. */
export const splitNote = (note: string | Uint8Array): { body: string; signatures: NoteSignatureLine[] } => {
  const text = typeof note === 'string' ? note : decodeUtf8(note);
  if (text === undefined || hasForbiddenCharacter(text)) {
    throw new SignedNoteError('MALFORMED_NOTE', 'A note is UTF-8 text without control characters other than newline');
  }
  const split = text.lastIndexOf('\n\n');
  const block = text.slice(split + 2);
  if (split < 0 || !block.endsWith('\n')) {
    throw new SignedNoteError('MALFORMED_NOTE', 'A note ends with a blank line and signature lines');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new SignedNoteError('MALFORMED_NOTE', `More than ${MAX_SIGNATURES} signatures`);
  return { body: text.slice(0, split + 1), signatures: lines.map(parseSignatureLine) };
};

export function* verifyNoteSteps(note: string | Uint8Array, name: string, publicKey: Uint8Array): Steps<string> {
  const { body, signatures } = splitNote(note);
  if (publicKey.length !== 32) throw new SignedNoteError('INVALID_KEY', 'An Ed25519 public key has 32 bytes');
  const keyId = yield* keyIdSteps(name, publicKey);
  const message = utf8(body);
  let verified = 0;
  for (const line of signatures) {
    if (line.name !== name || !bytesEqual(line.keyId, keyId)) continue;
    const ok = line.signature.length === 64 && (yield* ed25519VerifyStep(publicKey, message, line.signature));
    if (!ok) throw new SignedNoteError('INVALID_SIGNATURE', `Signature by ${name}+${toHex(keyId)} does not verify`);
    verified++;
  }
  if (verified === 0) throw new SignedNoteError('NO_TRUSTED_SIGNATURE', `Note is not signed by ${name}+${toHex(keyId)}`);
  return body;
}

/** A checkpoint body read back; the tree size as a number (refused beyond 2^53 − 1). */
export interface CheckpointBody {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly extensions: string[];
}

/** Reads a checkpoint body: origin, tree size, base64 root hash, then extension lines. */
export const parseCheckpointBody = (body: string): CheckpointBody => {
  const lines = body.split('\n');
  const malformed = (why: string) => new SignedNoteError('MALFORMED_CHECKPOINT', why);
  if (lines.pop() !== '' || lines.length < 3) throw malformed('A checkpoint has at least three lines, each ending in a newline');
  const [origin, size, root, ...extensions] = lines;
  if (origin === '') throw malformed('The origin is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw malformed(`Tree size ${JSON.stringify(size)} is not a decimal count`);
  }
  const rootHash = decodeBase64(root);
  if (rootHash?.length !== ROOT_HASH_SIZE) throw malformed('The root hash is not 32 bytes of base64');
  if (extensions.some((line) => line === '')) throw malformed('Extension lines are non-empty');
  return { origin, treeSize: Number(size), rootHash, extensions };
};

/** A checkpoint as its signed note states it, after the signature was checked (root hash as bytes). */
export interface OpenedCheckpointBytes {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  /** When it was signed (ISO 8601 UTC), if the note says. */
  readonly signedAt?: string;
  readonly note: string;
}

/**
 * Verifies a checkpoint note with the log's key and reads it. Throws a `SignedNoteError`: a bad
 * or missing signature, a malformed body, or an origin other than the key's name (a checkpoint of
 * another log signed with the same key proves nothing about this one).
 */
export function* openCheckpointSteps(note: string, name: string, publicKey: Uint8Array): Steps<OpenedCheckpointBytes> {
  const body = yield* verifyNoteSteps(note, name, publicKey);
  const { origin, treeSize, rootHash, extensions } = parseCheckpointBody(body);
  if (origin !== name) throw new SignedNoteError('MALFORMED_CHECKPOINT', `The checkpoint is for the log ${origin}, not ${name}`);
  const time = extensions.find((line) => line.startsWith(TIME_PREFIX))?.slice(TIME_PREFIX.length);
  return { origin, treeSize, rootHash, signedAt: time, note };
}

const parseSignatureLine = (line: string): NoteSignatureLine => {
  const space = line.indexOf(' ', SIGNATURE_PREFIX.length);
  const name = line.slice(SIGNATURE_PREFIX.length, space);
  const decoded = space < 0 ? undefined : decodeBase64(line.slice(space + 1));
  if (!line.startsWith(SIGNATURE_PREFIX) || !isValidKeyName(name) || decoded === undefined || decoded.length < 5) {
    throw new SignedNoteError('MALFORMED_NOTE', `Not a signature line: ${line}`);
  }
  return { name, keyId: decoded.subarray(0, 4), signature: decoded.subarray(4) };
};

/** Key names are non-empty, without Unicode spaces or `+` (which separates vkey fields). */
export const isValidKeyName = (name: string): boolean => name !== '' && !/[\p{White_Space}+]/u.test(name) && !hasForbiddenCharacter(name);

/** Notes are valid UTF-8 with no C0 control character but newline; a lone surrogate has no UTF-8 form. */
export const hasForbiddenCharacter = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 && unit !== 0x0a) return true;
    if (unit >= 0xdc00 && unit <= 0xdfff) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    }
  }
  return false;
};

const decodeUtf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
};
