import type { Request } from 'express';
import type { TokenClaims } from '@mandate-ledger/access';

/**
 * The other ways in besides the API's own bearer tokens (DESIGN §6): a console session's cookie,
 * and bearer tokens of the configured OIDC provider. Provided by the sign-in module.
 */
export interface SessionAuthentication {
  /** The principal of the request's session cookie; undefined without one; a 401 problem for a bad one. */
  fromRequest(request: Request): TokenClaims | undefined;
  /** The principal of a bearer token issued by the OIDC provider; undefined when the token is not the provider's. */
  fromProviderToken(token: string): Promise<TokenClaims | undefined>;
}

export const SESSION_AUTHENTICATION = Symbol('SESSION_AUTHENTICATION');
