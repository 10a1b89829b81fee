import { randomBytes } from 'node:crypto';
import { type AccessClaims, accessClaimsOf } from './access-claims';
import { seal, unseal } from './sealed-token';

/** A sign-in link opens a session once, within ten minutes of being printed. */
export const SIGN_IN_LINK_LIFETIME_SECONDS = 600;

const PURPOSE = 'sign-in-link';

/** What a sign-in link carries: who it signs in, its one-time id, its expiry. */
export interface SignInLinkClaims extends AccessClaims {
  /** Unique id: the server records it when the link is used, and refuses it after. */
  readonly jti: string;
  readonly exp: number;
  /** The name the console shows. */
  readonly name?: string;
}

/** The console's route that takes the link's token (a fragment: it never reaches a server's logs). */
export const signInLinkUrl = (publicUrl: string, token: string): string => `${publicUrl}/#/connexion?lien=${encodeURIComponent(token)}`;

/** A link that signs in `claims` once, within {@link SIGN_IN_LINK_LIFETIME_SECONDS}. */
export const mintSignInLink = (
  claims: AccessClaims & { readonly name?: string },
  secret: string,
  publicUrl: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): { url: string; token: string; expiresAt: string } => {
  const exp = nowSeconds + SIGN_IN_LINK_LIFETIME_SECONDS;
  const name = claims.name?.slice(0, 200);
  const token = seal<SignInLinkClaims>({ ...accessClaimsOf(claims), ...(name ? { name } : {}), jti: randomBytes(16).toString('hex'), exp }, secret, PURPOSE);
  return { url: signInLinkUrl(publicUrl, token), token, expiresAt: new Date(exp * 1000).toISOString() };
};

/** The claims of a link's token; throws `InvalidSealError` or `InvalidClaimsError`. Whether it was used already is the caller's to check. */
export const openSignInLink = (token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): SignInLinkClaims => {
  const payload = unseal<SignInLinkClaims>(token, secret, PURPOSE, nowSeconds);
  if (typeof payload.jti !== 'string' || !/^[0-9a-f]{32}$/.test(payload.jti)) throw new Error('a sign-in link has a jti');
  return { ...accessClaimsOf(payload), ...(typeof payload.name === 'string' ? { name: payload.name } : {}), jti: payload.jti, exp: payload.exp };
};
