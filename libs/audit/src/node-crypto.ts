import { createPublicKey, hash, type KeyObject, verify } from 'node:crypto';
import type { SyncCrypto } from './crypto-steps';
import { SignedNoteError } from './signed-note-reader';

/** The Ed25519 public key object for 32 raw bytes. */
export const ed25519PublicKeyFromBytes = (raw: Uint8Array): KeyObject => {
  if (raw.length !== 32) throw new SignedNoteError('INVALID_KEY', 'An Ed25519 public key has 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
};

/** The verification steps' crypto in Node.js: node:crypto, synchronous. */
export const NODE_CRYPTO: SyncCrypto = {
  sha256: (data) => Buffer.from(hash('sha256', data, 'binary'), 'binary'),
  ed25519Verify: (publicKey, message, signature) => verify(null, message, ed25519PublicKeyFromBytes(publicKey), signature),
};
