/**
 * Verification written once for Node.js and for browsers. Node's hashes and signature checks are
 * synchronous; WebCrypto's are asynchronous. The checks are therefore generators that yield each
 * cryptographic operation they need and receive its answer: {@link runSteps} answers with a
 * synchronous implementation (node:crypto), {@link runStepsAsync} with an asynchronous one
 * (WebCrypto). This file and the files built on it import nothing, not even `Buffer`.
 */

/** An operation a verification step asks for. */
export type CryptoRequest =
  | { readonly op: 'sha256'; readonly data: Uint8Array }
  | { readonly op: 'ed25519-verify'; readonly publicKey: Uint8Array; readonly message: Uint8Array; readonly signature: Uint8Array };

/** A verification that yields the operations it needs and returns `T`. */
export type Steps<T> = Generator<CryptoRequest, T, Uint8Array | boolean>;

/** SHA-256 and Ed25519 verification, answered at once (node:crypto). */
export interface SyncCrypto {
  sha256(data: Uint8Array): Uint8Array;
  /** False for a signature that does not verify; never throws for one. */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** SHA-256 and Ed25519 verification, answered later (WebCrypto). */
export interface AsyncCrypto {
  sha256(data: Uint8Array): Promise<Uint8Array>;
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** Runs `steps` to their result with synchronous crypto. */
export const runSteps = <T>(steps: Steps<T>, crypto: SyncCrypto): T => {
  let step = steps.next();
  while (!step.done) {
    const request = step.value;
    step = steps.next(request.op === 'sha256' ? crypto.sha256(request.data) : crypto.ed25519Verify(request.publicKey, request.message, request.signature));
  }
  return step.value;
};

/** Runs `steps` to their result with asynchronous crypto. */
export const runStepsAsync = async <T>(steps: Steps<T>, crypto: AsyncCrypto): Promise<T> => {
  let step = steps.next();
  while (!step.done) {
    const request = step.value;
    step = steps.next(
      request.op === 'sha256' ? await crypto.sha256(request.data) : await crypto.ed25519Verify(request.publicKey, request.message, request.signature),
    );
  }
  return step.value;
};

/** SHA-256 of `data`. */
export function* sha256Step(data: Uint8Array): Steps<Uint8Array> {
  return (yield { op: 'sha256', data }) as Uint8Array;
}

/** Whether `signature` is `publicKey`'s Ed25519 signature of `message`. */
export function* ed25519VerifyStep(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Steps<boolean> {
  return (yield { op: 'ed25519-verify', publicKey, message, signature }) as boolean;
}

// Bytes without Buffer, for the code that also runs in browsers.

const encoder = new TextEncoder();

/** UTF-8 bytes of a text (a lone surrogate becomes U+FFFD: callers refuse those first). */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

export const toHex = (bytes: Uint8Array): string => {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
};

/** Lower- or upper-case hex of whole bytes; anything else is refused by the caller's shape checks first. */
export const fromHex = (hex: string): Uint8Array => {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
};

export const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

export const concatBytes = (...parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

export const encodeBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/**
 * Strict standard base64: the bytes of `text` only if encoding them again gives `text` back
 * (`atob` tolerates spaces and missing padding; a signed note must not).
 */
export const decodeBase64 = (text: string): Uint8Array | undefined => {
  if (text === '') return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return encodeBase64(bytes) === text ? bytes : undefined;
};
