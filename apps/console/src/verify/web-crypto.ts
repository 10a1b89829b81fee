import type { AsyncCrypto } from '@mandate-ledger/audit/portable';

// WebCrypto wants ArrayBuffer-backed views: copies make them so whatever the input's backing.
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/** SHA-256 and Ed25519 of the browser's WebCrypto, for the audit library's verification steps. */
export const webCrypto = (subtle = globalThis.crypto.subtle): AsyncCrypto => ({
  sha256: async (data) => new Uint8Array(await subtle.digest('SHA-256', own(data))),
  ed25519Verify: async (publicKey, message, signature) => {
    const key = await subtle.importKey('raw', own(publicKey), { name: 'Ed25519' }, false, ['verify']);
    return subtle.verify({ name: 'Ed25519' }, key, own(signature), own(message));
  },
});
