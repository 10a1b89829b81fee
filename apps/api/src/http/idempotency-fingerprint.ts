import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal';

/** What an Idempotency-Key is bound to (DESIGN §4): a retry repeats all of it, anything else is another request. */
export interface IdempotentRequest {
  readonly method: string;
  /** The concrete path, ids included: the same key on another mandate is another request. */
  readonly path: string;
  readonly principal: Principal;
  readonly body: unknown;
}

/**
 * SHA-256 (hex) of the canonical JSON of the request. Of the principal, the claims that decide what
 * it may do: a token minted again with the same claims (new `iat`, `exp`) is the same principal.
 */
export const idempotencyFingerprintOf = ({ method, path, principal, body }: IdempotentRequest): string => {
  const { sub, role, departements, operatorId } = principal;
  const claims = { sub, role, departements: departements ? [...departements].sort() : null, operatorId: operatorId ?? null };
  return createHash('sha256')
    .update(canonicalJson({ method: method.toUpperCase(), path, principal: claims, body: body ?? null }))
    .digest('hex');
};

/** JSON with every object's members in one order, whatever order they were sent in: the same body is the same request. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_name, member: unknown) =>
    typeof member === 'object' && member !== null && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );
