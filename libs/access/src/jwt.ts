import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Principal, type Role, ROLES } from '@mandate-ledger/application';

/** The claims of DESIGN §6: the principal's, and the token's own times, issuer and audience. */
export interface TokenClaims extends Principal {
  readonly iat?: number;
  readonly exp?: number;
  readonly nbf?: number;
  readonly iss?: string;
  readonly aud?: string | readonly string[];
}

/** What a token must satisfy besides its signature (DESIGN §6: a numeric `exp`, a capped lifetime). */
export interface TokenPolicy {
  /** The longest `exp - iat` accepted (`exp - now` when the token has no `iat`), in seconds. */
  readonly maxLifetimeSeconds: number;
  /** When set, `iss` must be exactly this. */
  readonly issuer?: string;
  /** When set, `aud` (a string or a list) must name this. */
  readonly audience?: string;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_HOURS = 12;
export const DEFAULT_TOKEN_POLICY: TokenPolicy = { maxLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_HOURS * 3600 };

/** Clock skew tolerated between the issuer's clock and ours, for `iat` and `nbf`. */
export const CLOCK_LEEWAY_SECONDS = 60;

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

const base64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

/** Signs a compact JWS with HS256, as any standard JWT library would. */
export const signToken = (claims: TokenClaims, secret: string): string => {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
};

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The claims of a policy's tokens issued at `now` for `lifetimeSeconds`: `iat`, `exp`, and the configured `iss` and `aud`. */
export const timedClaims = (policy: TokenPolicy, lifetimeSeconds: number, now = Math.floor(Date.now() / 1000)): Pick<TokenClaims, 'iat' | 'exp' | 'iss' | 'aud'> => ({
  iat: now,
  exp: now + lifetimeSeconds,
  ...(policy.issuer === undefined ? {} : { iss: policy.issuer }),
  ...(policy.audience === undefined ? {} : { aud: policy.audience }),
});

// A token without `exp` would be valid forever, and one valid for weeks is as bad once leaked.
const checkTimes = ({ exp, iat, nbf }: Record<string, unknown>, policy: TokenPolicy, now: number): void => {
  if (!isTime(exp)) throw new InvalidTokenError('a numeric exp is required');
  if (iat !== undefined && !isTime(iat)) throw new InvalidTokenError('iat must be a number');
  if (nbf !== undefined && !isTime(nbf)) throw new InvalidTokenError('nbf must be a number');
  if (now >= exp) throw new InvalidTokenError('expired');
  if (isTime(iat) && iat > now + CLOCK_LEEWAY_SECONDS) throw new InvalidTokenError('issued in the future');
  if (isTime(nbf) && nbf > now + CLOCK_LEEWAY_SECONDS) throw new InvalidTokenError('not yet valid');
  if (exp - (isTime(iat) ? iat : now) > policy.maxLifetimeSeconds) throw new InvalidTokenError(`valid for longer than the ${policy.maxLifetimeSeconds} s allowed`);
};

const audiencesOf = (aud: unknown): unknown[] => (Array.isArray(aud) ? aud : [aud]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Verifies an HS256 token (signature, times, issuer, audience, claim shapes) and returns its claims. */
export const verifyToken = (token: string, secret: string, policy: TokenPolicy = DEFAULT_TOKEN_POLICY, nowSeconds = Math.floor(Date.now() / 1000)): TokenClaims => {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('not a compact JWS');
  const [header, payload, signature] = parts;
  let decodedHeader: unknown;
  let claims: unknown;
  try {
    decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('header or payload is not JSON');
  }
  if (!isObject(decodedHeader) || !isObject(claims)) throw new InvalidTokenError('header or payload is not a JSON object');
  // Only HS256: refusing `none` and asymmetric algorithms closes the algorithm-confusion attacks.
  if (decodedHeader.alg !== 'HS256') throw new InvalidTokenError(`algorithm ${String(decodedHeader.alg)} is not accepted`);
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidTokenError('bad signature');
  checkTimes(claims, policy, nowSeconds);
  if (policy.issuer !== undefined && claims.iss !== policy.issuer) throw new InvalidTokenError('not from the expected issuer');
  if (policy.audience !== undefined && !audiencesOf(claims.aud).includes(policy.audience)) throw new InvalidTokenError('not meant for this audience');
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidTokenError('no sub');
  if (!ROLES.includes(claims.role as Role)) throw new InvalidTokenError(`unknown role ${String(claims.role)}`);
  const departements = claims.departements;
  if (departements !== undefined && !(Array.isArray(departements) && departements.every((d) => typeof d === 'string'))) {
    throw new InvalidTokenError('departements must be a list of codes');
  }
  if (claims.role === 'officer' && !Array.isArray(departements)) throw new InvalidTokenError('an officer token needs departements');
  if (claims.role === 'operator' && typeof claims.operatorId !== 'string') throw new InvalidTokenError('an operator token needs operatorId');
  return claims as unknown as TokenClaims;
};
