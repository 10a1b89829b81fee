import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ed25519PrivateKeyFromSeed, SignedNoteError } from './signed-note';

/**
 * Reads the log's Ed25519 signing key from configuration text: PKCS#8 PEM (what
 * `openssl genpkey -algorithm ed25519` writes), or the standard base64 of the 32-byte seed (one
 * line, convenient in an environment variable).
 */
export const parseSigningKey = (text: string): KeyObject => {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('-----BEGIN')) {
    try {
      key = createPrivateKey({ key: trimmed, format: 'pem' });
    } catch (error) {
      throw new SignedNoteError('INVALID_KEY', `Not a PKCS#8 PEM private key: ${(error as Error).message}`);
    }
  } else {
    const seed = Buffer.from(trimmed, 'base64');
    if (seed.length !== 32 || seed.toString('base64') !== trimmed) {
      throw new SignedNoteError('INVALID_KEY', 'Expected a PKCS#8 PEM key or the base64 of a 32-byte Ed25519 seed');
    }
    key = ed25519PrivateKeyFromSeed(seed);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SignedNoteError('INVALID_KEY', `The signing key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
};

/** A new Ed25519 private key as PKCS#8 PEM. */
export const generateSigningKeyPem = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** The SPKI PEM of the public half of a private key. */
export const publicKeyPemOf = (privateKey: KeyObject): string => createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
