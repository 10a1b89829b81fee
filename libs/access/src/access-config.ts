import { ConfigurationError } from '@mandate-ledger/storage';
import { resolveSessionSecret } from './session-secret';

/** How people sign in to the console, read by the server and by the CLI that prints sign-in links. */
export interface AccessConfig {
  /** `PUBLIC_URL`: where people reach the service (scheme, host, port); sign-in links and OIDC redirects point there. */
  readonly publicUrl: string;
  /** Cookies are `Secure` unless the public URL is plain HTTP on this machine (localhost, 127.0.0.1, [::1]). */
  readonly secureCookies: boolean;
  /** `SESSION_SECRET`, or generated into the data folder. */
  readonly sessionSecret: string;
  readonly sessionSecretGenerated: boolean;
  /** `SESSION_LIFETIME_HOURS` (default 8), in seconds. */
  readonly sessionLifetimeSeconds: number;
  /** `SIGN_IN_LINKS` (`on` unless an OIDC provider is configured): whether one-time sign-in links open sessions. */
  readonly signInLinks: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const DEFAULT_SESSION_LIFETIME_HOURS = 8;

/** Reads `PUBLIC_URL`, `SESSION_SECRET`, `SESSION_LIFETIME_HOURS` and `SIGN_IN_LINKS`; lists every problem at once. */
export const accessConfigFrom = (env: NodeJS.ProcessEnv, { dataDir, port, production }: { dataDir: string; port: number; production: boolean }): AccessConfig => {
  const problems: string[] = [];
  const publicUrl = publicUrlFrom(env.PUBLIC_URL ?? `http://localhost:${port}`, problems);
  const hours = Number(env.SESSION_LIFETIME_HOURS ?? DEFAULT_SESSION_LIFETIME_HOURS);
  if (!Number.isFinite(hours) || hours * 3600 < 60 || hours > 24 * 30) {
    problems.push(`SESSION_LIFETIME_HOURS must be a number of hours from 1/60 to 720, got "${env.SESSION_LIFETIME_HOURS}"`);
  }
  const links = env.SIGN_IN_LINKS ?? (env.OIDC_ISSUER ? 'off' : 'on');
  if (links !== 'on' && links !== 'off') problems.push(`SIGN_IN_LINKS must be on or off, got "${env.SIGN_IN_LINKS}"`);
  let secret: { secret: string; generated: boolean } | undefined;
  try {
    secret = resolveSessionSecret(env, dataDir, production);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0 || !publicUrl || !secret) throw new ConfigurationError(problems);
  return {
    publicUrl: publicUrl.origin,
    secureCookies: !(publicUrl.protocol === 'http:' && LOOPBACK.has(publicUrl.hostname)),
    sessionSecret: secret.secret,
    sessionSecretGenerated: secret.generated,
    sessionLifetimeSeconds: Math.round(hours * 3600),
    signInLinks: links === 'on',
  };
};

/** An origin; plain HTTP only on this machine, where browsers would not send a `Secure` cookie back. */
const publicUrlFrom = (text: string, problems: string[]): URL | undefined => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`PUBLIC_URL must be a URL such as https://ledger.example.gouv.fr, got "${text}"`);
    return undefined;
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    problems.push(`PUBLIC_URL must be an origin (scheme, host and port, no path), got "${text}"`);
    return undefined;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    problems.push(`PUBLIC_URL must use https outside localhost (session cookies are Secure), got "${text}"`);
    return undefined;
  }
  return url;
};
