import { createHmac, timingSafeEqual } from 'node:crypto';

/** A refused sealed token: not one of ours, altered, for another purpose, or expired. */
export class InvalidSealError extends Error {
  constructor(
    readonly reason: 'malformed' | 'bad-signature' | 'expired',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidSealError';
  }
}

/** What every sealed payload carries: when it stops being valid (seconds since the epoch). */
export interface Sealed {
  readonly exp: number;
}

const VERSION = 'v1';

const mac = (secret: string, purpose: string, payload: string): Buffer => createHmac('sha256', secret).update(`${VERSION}.${purpose}.${payload}`).digest();

/**
 * `v1.<base64url JSON>.<base64url HMAC-SHA256>`: a payload only this server (and the CLI beside it)
 * can have made. The purpose is part of what is signed, so that a sign-in link is never taken for a
 * session, nor either for the other.
 */
export const seal = <T extends Sealed>(payload: T, secret: string, purpose: string): string => {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${VERSION}.${body}.${mac(secret, purpose, body).toString('base64url')}`;
};

/** The payload of a token sealed for `purpose` with `secret`, if it has not expired at `nowSeconds`. */
export const unseal = <T extends Sealed>(token: string, secret: string, purpose: string, nowSeconds = Math.floor(Date.now() / 1000)): T => {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !/^[A-Za-z0-9_-]+$/.test(parts[1]) || !/^[A-Za-z0-9_-]+$/.test(parts[2])) {
    throw new InvalidSealError('malformed', 'not a sealed token');
  }
  const [, body, signature] = parts;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, purpose, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidSealError('bad-signature', 'bad signature');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidSealError('malformed', 'payload is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || typeof (payload as Sealed).exp !== 'number') throw new InvalidSealError('malformed', 'payload has no exp');
  if (nowSeconds >= (payload as Sealed).exp) throw new InvalidSealError('expired', 'expired');
  return payload as T;
};
