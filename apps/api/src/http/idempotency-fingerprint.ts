import type { TokenClaims } from '@mandate-ledger/access';
import { fingerprintOf } from '@mandate-ledger/application';

/** What an Idempotency-Key is bound to (DESIGN §4): a retry repeats all of it, anything else is another request. */
export interface IdempotentRequest {
  readonly method: string;
  /** The concrete path, ids included: the same key on another mandate is another request. */
  readonly path: string;
  /** The token's claims: of them, only those that decide what it may do count. */
  readonly principal: TokenClaims;
  readonly body: unknown;
}

/**
 * The fingerprint of an HTTP write. Of the principal, the claims that decide what it may do: a
 * token minted again with the same claims (new `iat`, `exp`) is the same principal.
 */
export const idempotencyFingerprintOf = ({ method, path, principal, body }: IdempotentRequest): string => {
  const { sub, role, departements, operatorId } = principal;
  const claims = { sub, role, departements: departements ? [...departements].sort() : null, operatorId: operatorId ?? null };
  return fingerprintOf({ method: method.toUpperCase(), path, principal: claims, body: body ?? null });
};
