import type { Request, Response } from 'express';
import type { AccessConfig } from '@mandate-ledger/access';
import { ProblemError } from '../http/problem';

/**
 * The console's cookies. The session: `HttpOnly` (no script reads it), `SameSite=Strict` (no other
 * site's page sends it), `Secure` with the `__Host-` prefix outside localhost. The OIDC transaction
 * (state, nonce, PKCE verifier) lives ten minutes and is `SameSite=Lax`: the provider's redirect back
 * is a navigation from another site, which a strict cookie would not follow.
 */
export const cookieNames = (access: Pick<AccessConfig, 'secureCookies'>) => ({
  session: access.secureCookies ? '__Host-ml_session' : 'ml_session',
  oidcTransaction: access.secureCookies ? '__Host-ml_oidc' : 'ml_oidc',
});

export const OIDC_TRANSACTION_SECONDS = 600;

/** The cookies of a request, by name (the first of a repeated name). */
export const cookiesOf = (request: Request): Map<string, string> => {
  const cookies = new Map<string, string>();
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const name = pair.slice(0, at).trim();
    if (name && !cookies.has(name)) cookies.set(name, pair.slice(at + 1).trim());
  }
  return cookies;
};

/** Sets a cookie (`maxAgeSeconds` 0 clears it). Values are sealed tokens: base64url and dots, never quoted. */
export const setCookie = (
  response: Response,
  access: Pick<AccessConfig, 'secureCookies'>,
  name: string,
  value: string,
  { maxAgeSeconds, sameSite }: { maxAgeSeconds: number; sameSite: 'Strict' | 'Lax' },
): void => {
  const attributes = [`${name}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', `SameSite=${sameSite}`];
  if (access.secureCookies) attributes.push('Secure');
  response.append('Set-Cookie', attributes.join('; '));
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (request: Request): boolean => SAFE_METHODS.has(request.method);

/**
 * A write made with a cookie must come from a page of this service: the browser's `Origin` names
 * the page's origin, the public URL's or the one the request was sent to. `SameSite=Strict` keeps
 * other sites' requests from carrying the cookie; this keeps a browser that ignores it, or a
 * same-site page on another port, from writing with it.
 */
export const assertSameOrigin = (request: Request, publicUrl: string): void => {
  const origin = request.headers.origin;
  const own = `${request.protocol}://${request.headers.host ?? ''}`;
  if (origin !== undefined && (origin === publicUrl || origin === own)) return;
  throw new ProblemError(403, 'CROSS_SITE_REQUEST', 'A write with a console session must come from a page of this service (Origin)');
};
