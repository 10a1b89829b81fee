import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * Why a note, key or checkpoint was refused: `MALFORMED_NOTE`, `MALFORMED_CHECKPOINT`,
 * `INVALID_KEY` (bad name, vkey or key material), `INVALID_SIGNATURE` (a signature by the trusted
 * key that does not verify), `NO_TRUSTED_SIGNATURE` (well formed, but not signed by that key).
 */
export type SignedNoteErrorCode =
  | 'MALFORMED_NOTE'
  | 'MALFORMED_CHECKPOINT'
  | 'INVALID_KEY'
  | 'INVALID_SIGNATURE'
  | 'NO_TRUSTED_SIGNATURE';

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

const ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
// The spec asks verifiers to accept at least 16 signatures; 100 is Go's x/mod/sumdb/note limit.
const MAX_SIGNATURES = 100;
const ROOT_HASH_SIZE = 32;

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
export const parseCheckpoint = (
  body: string,
): { origin: string; treeSize: number; rootHash: Buffer; extensions: string[] } => {
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

/** The raw 32-byte Ed25519 public key of a key object (public, or private to derive it from). */
export const ed25519PublicKeyBytes = (key: KeyObject): Buffer => {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new SignedNoteError('INVALID_KEY', 'Not an Ed25519 key');
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
};

/** The Ed25519 public key object for 32 raw bytes. */
export const ed25519PublicKeyFromBytes = (raw: Uint8Array): KeyObject => {
  if (raw.length !== 32) throw new SignedNoteError('INVALID_KEY', 'An Ed25519 public key has 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
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
export const verifyNote = (note: string | Uint8Array, { name, publicKey }: NoteVerifier): string => {
  const text = typeof note === 'string' ? note : decodeUtf8(note);
  if (text === undefined || hasForbiddenCharacter(text)) {
    throw new SignedNoteError('MALFORMED_NOTE', 'A note is UTF-8 text without control characters other than newline');
  }
  const split = text.lastIndexOf('\n\n');
  const block = text.slice(split + 2);
  if (split < 0 || !block.endsWith('\n')) {
    throw new SignedNoteError('MALFORMED_NOTE', 'A note ends with a blank line and signature lines');
  }
  const body = text.slice(0, split + 1);
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new SignedNoteError('MALFORMED_NOTE', `More than ${MAX_SIGNATURES} signatures`);

  const key = rawPublicKey(publicKey);
  const keyId = keyIdOf(name, key);
  const verifier = ed25519PublicKeyFromBytes(key);
  let verified = 0;
  for (const line of lines.map(parseSignatureLine)) {
    if (line.name !== name || !line.keyId.equals(keyId)) continue;
    const ok = line.signature.length === 64 && verify(null, Buffer.from(body, 'utf8'), verifier, line.signature);
    if (!ok) throw new SignedNoteError('INVALID_SIGNATURE', `Signature by ${name}+${keyId.toString('hex')} does not verify`);
    verified++;
  }
  if (verified === 0) throw new SignedNoteError('NO_TRUSTED_SIGNATURE', `Note is not signed by ${name}+${keyId.toString('hex')}`);
  return body;
};

/** The text form of a verifier key: `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export const formatVerifierKey = ({ name, publicKey }: NoteVerifier): string => {
  assertKeyName(name);
  const key = rawPublicKey(publicKey);
  return `${name}+${keyIdOf(name, key).toString('hex')}+${Buffer.concat([Uint8Array.of(ED25519), key]).toString('base64')}`;
};

/** Decodes a verifier key, checking that its key ID matches its name and key. */
export const parseVerifierKey = (vkey: string): VerifierKey => {
  const invalid = () => new SignedNoteError('INVALID_KEY', `Not an Ed25519 verifier key: ${vkey}`);
  // Split as Go's NewVerifier does: the name ends at the first '+', and base64 may contain '+'.
  const match = /^([^+]+)\+([0-9a-fA-F]{8})\+(.+)$/.exec(vkey);
  if (match === null || !isValidKeyName(match[1])) throw invalid();
  const [, name, hexId, encoded] = match;
  const key = decodeBase64(encoded);
  if (key?.length !== 33 || key[0] !== ED25519) throw invalid();
  const publicKey = key.subarray(1);
  const keyId = keyIdOf(name, publicKey);
  if (!keyId.equals(Buffer.from(hexId, 'hex'))) throw invalid();
  return { name, keyId, publicKey };
};

/** A note cut into its body and its signature lines, none of them verified. */
export const splitNote = (note: string): { body: string; signatures: { name: string; keyId: Buffer; signature: Buffer }[] } => {
  if (hasForbiddenCharacter(note)) throw new SignedNoteError('MALFORMED_NOTE', 'A note is text without control characters other than newline');
  const split = note.lastIndexOf('\n\n');
  const block = note.slice(split + 2);
  if (split < 0 || !block.endsWith('\n')) throw new SignedNoteError('MALFORMED_NOTE', 'A note ends with a blank line and signature lines');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new SignedNoteError('MALFORMED_NOTE', `More than ${MAX_SIGNATURES} signatures`);
  return { body: note.slice(0, split + 1), signatures: lines.map(parseSignatureLine) };
};

const parseSignatureLine = (line: string): { name: string; keyId: Buffer; signature: Buffer } => {
  const space = line.indexOf(' ', SIGNATURE_PREFIX.length);
  const name = line.slice(SIGNATURE_PREFIX.length, space);
  const decoded = space < 0 ? undefined : decodeBase64(line.slice(space + 1));
  if (!line.startsWith(SIGNATURE_PREFIX) || !isValidKeyName(name) || decoded === undefined || decoded.length < 5) {
    throw new SignedNoteError('MALFORMED_NOTE', `Not a signature line: ${line}`);
  }
  return { name, keyId: decoded.subarray(0, 4), signature: decoded.subarray(4) };
};

const keyIdOf = (name: string, publicKey: Uint8Array): Buffer =>
  createHash('sha256').update(name, 'utf8').update(Uint8Array.of(0x0a, ED25519)).update(publicKey).digest().subarray(0, 4);

const rawPublicKey = (key: KeyObject | Uint8Array): Buffer => {
  if (key instanceof KeyObject) return ed25519PublicKeyBytes(key);
  if (key.length !== 32) throw new SignedNoteError('INVALID_KEY', 'An Ed25519 public key has 32 bytes');
  return Buffer.from(key);
};

/** Key names are non-empty, without Unicode spaces or `+` (which separates vkey fields). */
const isValidKeyName = (name: string): boolean =>
  name !== '' && !/[\p{White_Space}+]/u.test(name) && !hasForbiddenCharacter(name);

const assertKeyName = (name: string): void => {
  if (!isValidKeyName(name)) throw new SignedNoteError('INVALID_KEY', `Invalid key name ${JSON.stringify(name)}`);
};

/** Notes are valid UTF-8 with no C0 control character but newline; a lone surrogate has no UTF-8 form. */
const hasForbiddenCharacter = (text: string): boolean => {
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

/** Strict standard base64: Buffer.from silently skips invalid characters, so re-encode and compare. */
const decodeBase64 = (text: string): Buffer | undefined => {
  const bytes = Buffer.from(text, 'base64');
  return text !== '' && bytes.toString('base64') === text ? bytes : undefined;
};
