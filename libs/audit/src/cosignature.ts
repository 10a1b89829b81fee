import { createHash, type KeyObject, sign, verify } from 'node:crypto';
import { ed25519PublicKeyBytes, ed25519PublicKeyFromBytes, SignedNoteError, splitNote } from './signed-note';

/** C2SP tlog-cosignature: the signature type of an Ed25519 cosignature/v1 key. */
const COSIGNATURE_V1 = 0x04;
const SIGNATURE_PREFIX = '\u2014 ';

/** A witness's key: its name (`witness.example/w1`) and Ed25519 private key. */
export type CosignerKey = { readonly name: string; readonly privateKey: KeyObject };
/** A witness trusted by a verifier: its name and Ed25519 public key (32 bytes). */
export type CosignerVerifier = { readonly name: string; readonly publicKey: Uint8Array };

const keyIdOf = (name: string, publicKey: Uint8Array): Buffer =>
  createHash('sha256').update(name, 'utf8').update(Uint8Array.of(0x0a, COSIGNATURE_V1)).update(publicKey).digest().subarray(0, 4);

const assertName = (name: string): void => {
  if (name === '' || /[\p{White_Space}+]/u.test(name) || /\p{Cc}/u.test(name)) throw new SignedNoteError('INVALID_KEY', `Invalid key name ${JSON.stringify(name)}`);
};

/** What a cosignature signs: `cosignature/v1`, `time <seconds>`, then the checkpoint's note body. */
const signedMessage = (body: string, timestamp: number): Buffer => Buffer.from(`cosignature/v1\ntime ${timestamp}\n${body}`, 'utf8');

/** The vkey of a witness: `<name>+<key ID>+base64(0x04 ‖ public key)`. */
export const formatCosignerKey = (name: string, key: KeyObject | Uint8Array): string => {
  assertName(name);
  const publicKey = key instanceof Uint8Array ? Buffer.from(key) : ed25519PublicKeyBytes(key);
  return `${name}+${keyIdOf(name, publicKey).toString('hex')}+${Buffer.concat([Uint8Array.of(COSIGNATURE_V1), publicKey]).toString('base64')}`;
};

/** Reads a witness's vkey, checking its type (cosignature/v1) and key ID. */
export const parseCosignerKey = (vkey: string): CosignerVerifier => {
  const invalid = () => new SignedNoteError('INVALID_KEY', `Not an Ed25519 cosignature/v1 verifier key: ${vkey}`);
  const match = /^([^+]+)\+([0-9a-fA-F]{8})\+(.+)$/.exec(vkey.trim());
  if (!match) throw invalid();
  const [, name, hexId, encoded] = match;
  const key = Buffer.from(encoded, 'base64');
  if (key.toString('base64') !== encoded || key.length !== 33 || key[0] !== COSIGNATURE_V1) throw invalid();
  const publicKey = key.subarray(1);
  if (!keyIdOf(name, publicKey).equals(Buffer.from(hexId, 'hex'))) throw invalid();
  return { name, publicKey };
};

/** The cosignature line of a checkpoint's note body at `timestamp` (seconds since the epoch). */
export const cosignatureLine = (body: string, { name, privateKey }: CosignerKey, timestamp: number): string => {
  assertName(name);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`Not a timestamp: ${timestamp}`);
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(timestamp));
  const signature = sign(null, signedMessage(body, timestamp), privateKey);
  return `${SIGNATURE_PREFIX}${name} ${Buffer.concat([keyIdOf(name, ed25519PublicKeyBytes(privateKey)), time, signature]).toString('base64')}\n`;
};

/** Adds signature lines (a witness's answer) to a signed note. */
export const addSignatures = (note: string, lines: string): string => `${note}${lines}`;

/**
 * The time (seconds since the epoch) at which `witness` cosigned `note`, if a cosignature of its
 * name and key verifies; throws on a cosignature of that key that does not verify.
 */
export const cosignedAt = (note: string, witness: CosignerVerifier): number | undefined => {
  const { body, signatures } = splitNote(note);
  const keyId = keyIdOf(witness.name, witness.publicKey);
  const verifier = ed25519PublicKeyFromBytes(witness.publicKey);
  let at: number | undefined;
  for (const line of signatures) {
    if (line.name !== witness.name || !keyId.equals(line.keyId)) continue;
    const signature = Buffer.from(line.signature);
    const timestamp = signature.length === 72 ? signature.readBigUInt64BE(0) : -1n;
    const ok = timestamp >= 0n && timestamp < 2n ** 53n && verify(null, signedMessage(body, Number(timestamp)), verifier, signature.subarray(8));
    if (!ok) throw new SignedNoteError('INVALID_SIGNATURE', `The cosignature of ${witness.name} does not verify`);
    at = Math.max(at ?? 0, Number(timestamp));
  }
  return at;
};
