import { createHash, randomBytes } from 'node:crypto';

/**
 * A time-ordered UUID (RFC 9562 version 7): ids minted in sequence land at the end of a unique
 * index instead of at random pages, which keeps inserts fast as the log grows.
 */
export const uuidv7 = (now: number = Date.now()): string => {
  const bytes = randomBytes(16);
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * A UUID derived from a seed (RFC 9562 version 8, SHA-256 based): the same seed always gives the
 * same id, which is how a retried idempotent request lands on the same stream and event ids.
 */
export const uuidFromSeed = (seed: string): string => {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
