import { createPrivateKey, createPublicKey, KeyObject, sign } from 'node:crypto';
import { runSteps } from './crypto-steps';
import { NODE_CRYPTO } from './node-crypto';
import {
  ED25519,
  hasForbiddenCharacter,
  isValidKeyName,
  keyIdSteps,
  parseCheckpointBody,
  parseVerifierKeySteps,
  ROOT_HASH_SIZE,
  SIGNATURE_PREFIX,
  SignedNoteError,
  verifyNoteSteps,
} from './signed-note-reader';

export { ed25519PublicKeyFromBytes } from './node-crypto';
export { type NoteSignatureLine, SignedNoteError, type SignedNoteErrorCode, splitNote } from './signed-note-reader';

/** The head of the log at some size, as the body of a C2SP tlog-checkpoint. */
export type Checkpoint = {
  /** Identity of the log, conventionally the key name too (`mandate-ledger.example/audit`). */
  readonly origin: string;
  readonly treeSize: number | bigint;
  readonly rootHash: Uint8Array;
  /** Optional extra lines after the root hash (the spec allows them, but does not recommend them). */
  readonly extensions?: readonly string[];
};

/** A named Ed25519 private key that signs notes. */
export type NoteSigner = { readonly name: string; readonly privateKey: KeyObject };

/** A named Ed25519 public key trusted to sign notes: a `KeyObject` or the raw 32 bytes. */
export type NoteVerifier = { readonly name: string; readonly publicKey: KeyObject | Uint8Array };

/** A decoded verifier key (vkey). */
export type VerifierKey = { readonly name: string; readonly keyId: Buffer; readonly publicKey: Buffer };

/** The note text of a C2SP tlog-checkpoint: origin, tree size, base64 root hash, one per line. */
export const formatCheckpoint = ({ origin, treeSize, rootHash, extensions = [] }: Checkpoint): string => {
  if (origin === '' || hasForbiddenCharacter(origin) || origin.includes('\n')) {
    throw new SignedNoteError('MALFORMED_CHECKPOINT', 'The origin is one non-empty line without control characters');
  }
  const size = typeof treeSize === 'bigint' ? treeSize >= 0n : Number.isSafeInteger(treeSize) && treeSize >= 0;
  if (!size) throw new SignedNoteError('MALFORMED_CHECKPOINT', `Tree size ${String(treeSize)} is not a count`);
  if (rootHash.length !== ROOT_HASH_SIZE) {
    throw new SignedNoteError('MALFORMED_CHECKPOINT', `The root hash has ${ROOT_HASH_SIZE} bytes`);
  }
  for (const line of extensions) {
    if (line === '' || line.includes('\n') || hasForbiddenCharacter(line)) {
      throw new SignedNoteError('MALFORMED_CHECKPOINT', 'Extension lines are non-empty single lines');
    }
  }
  const lines = [origin, String(treeSize), Buffer.from(rootHash).toString('base64'), ...extensions];
  return lines.map((line) => `${line}\n`).join('');
};

/** Reads a checkpoint body back; the tree size comes back as a number (refused beyond 2^53 − 1). */
export const parseCheckpoint = (body: string): { origin: string; treeSize: number; rootHash: Buffer; extensions: string[] } => {
  const { origin, treeSize, rootHash, extensions } = parseCheckpointBody(body);
  return { origin, treeSize, rootHash: Buffer.from(rootHash), extensions };
};

/** The raw 32-byte Ed25519 public key of a key object (public, or private to derive it from). */
export const ed25519PublicKeyBytes = (key: KeyObject): Buffer => {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new SignedNoteError('INVALID_KEY', 'Not an Ed25519 key');
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
};

// RFC 8410 PKCS#8 wrapping of a bare 32-byte Ed25519 seed, the form keys are often stored in.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The Ed25519 private key object for a 32-byte seed (the RFC 8032 private key). */
export const ed25519PrivateKeyFromSeed = (seed: Uint8Array): KeyObject => {
  if (seed.length !== 32) throw new SignedNoteError('INVALID_KEY', 'An Ed25519 seed has 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
};

/** C2SP signed-note key ID: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export const noteKeyId = (name: string, publicKey: KeyObject | Uint8Array): Buffer => {
  assertKeyName(name);
  return keyIdOf(name, rawPublicKey(publicKey));
};

/**
 * Signs `body` (which must end in a newline) as a C2SP signed note: the body, a blank line, and
 * `— <name> base64(key ID ‖ Ed25519 signature)`.
 */
export const signNote = (body: string, { name, privateKey }: NoteSigner): string => {
  assertKeyName(name);
  if (!body.endsWith('\n') || hasForbiddenCharacter(body)) {
    throw new SignedNoteError('MALFORMED_NOTE', 'A note body ends in a newline and has no other control characters');
  }
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SignedNoteError('INVALID_KEY', 'Notes are signed with an Ed25519 private key');
  }
  const keyId = keyIdOf(name, ed25519PublicKeyBytes(privateKey));
  const signature = sign(null, Buffer.from(body, 'utf8'), privateKey);
  return `${body}\n${SIGNATURE_PREFIX}${name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
};

/**
 * Opens a signed note with one trusted key and returns its body (the text the signatures cover).
 * Signatures from other keys are ignored, as the spec requires; every signature carrying the
 * trusted name and key ID must verify, and at least one must be present.
 */
export const verifyNote = (note: string | Uint8Array, { name, publicKey }: NoteVerifier): string =>
  runSteps(verifyNoteSteps(note, name, rawPublicKey(publicKey)), NODE_CRYPTO);

/** The text form of a verifier key: `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export const formatVerifierKey = ({ name, publicKey }: NoteVerifier): string => {
  assertKeyName(name);
  const key = rawPublicKey(publicKey);
  return `${name}+${keyIdOf(name, key).toString('hex')}+${Buffer.concat([Uint8Array.of(ED25519), key]).toString('base64')}`;
};

/** Decodes a verifier key, checking that its key ID matches its name and key. */
export const parseVerifierKey = (vkey: string): VerifierKey => {
  const { name, keyId, publicKey } = runSteps(parseVerifierKeySteps(vkey), NODE_CRYPTO);
  return { name, keyId: Buffer.from(keyId), publicKey: Buffer.from(publicKey) };
};

const keyIdOf = (name: string, publicKey: Uint8Array): Buffer => Buffer.from(runSteps(keyIdSteps(name, publicKey), NODE_CRYPTO));

/** The raw 32 bytes of a note verifier's public key. */
export const rawPublicKey = (key: KeyObject | Uint8Array): Buffer => {
  if (key instanceof KeyObject) return ed25519PublicKeyBytes(key);
  if (key.length !== 32) throw new SignedNoteError('INVALID_KEY', 'An Ed25519 public key has 32 bytes');
  return Buffer.from(key);
};

const assertKeyName = (name: string): void => {
  if (!isValidKeyName(name)) throw new SignedNoteError('INVALID_KEY', `Invalid key name ${JSON.stringify(name)}`);
};
