import { createHash } from 'node:crypto';

/** JSON with every object's members in one order, whatever order they were given in: the same data is the same text. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_name, member: unknown) =>
    typeof member === 'object' && member !== null && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );

/**
 * SHA-256 (hex) of the canonical JSON of what an idempotency key was sent for, stored beside the
 * key: a retry repeats it, anything else under the key is refused (DESIGN §4).
 */
export const fingerprintOf = (request: unknown): string => createHash('sha256').update(canonicalJson(request)).digest('hex');
