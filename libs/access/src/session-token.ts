import { randomBytes } from 'node:crypto';
import { type AccessClaims, accessClaimsOf } from './access-claims';
import { seal, unseal } from './sealed-token';

const PURPOSE = 'session';

/** How a person signed in. */
export type SignInMethod = 'link' | 'oidc';

/** A console session: the person's claims, a name to show, how and when it began, when it ends. */
export interface SessionClaims extends AccessClaims {
  /** Session id: sign-out revokes it. */
  readonly sid: string;
  readonly name?: string;
  readonly via: SignInMethod;
  readonly iat: number;
  readonly exp: number;
}

/** A session for `claims`, valid `lifetimeSeconds`: the value of the session cookie, and the claims it holds. */
export const mintSession = (
  claims: AccessClaims & { readonly name?: string },
  via: SignInMethod,
  secret: string,
  lifetimeSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): { token: string; session: SessionClaims } => {
  const session: SessionClaims = {
    ...accessClaimsOf(claims),
    ...(claims.name ? { name: claims.name.slice(0, 200) } : {}),
    sid: randomBytes(16).toString('hex'),
    via,
    iat: nowSeconds,
    exp: nowSeconds + lifetimeSeconds,
  };
  return { token: seal(session, secret, PURPOSE), session };
};

/** The session a cookie holds; throws `InvalidSealError` (forged, altered, expired) or `InvalidClaimsError`. */
export const openSession = (token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): SessionClaims => {
  const payload = unseal<SessionClaims>(token, secret, PURPOSE, nowSeconds);
  return {
    ...accessClaimsOf(payload),
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
    sid: String(payload.sid),
    via: payload.via === 'oidc' ? 'oidc' : 'link',
    iat: Number(payload.iat),
    exp: payload.exp,
  };
};
