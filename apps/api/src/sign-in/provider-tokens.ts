import type * as Jose from 'jose';
import { type AccessClaims, InvalidClaimsError } from '@mandate-ledger/access';
import { CLOCK_LEEWAY_SECONDS, InvalidTokenError, type TokenPolicy } from '@mandate-ledger/access';
import { principalClaimsOf } from './claims-mapping';
import type { OidcConfig } from './oidc-config';
import type { OidcSignIn } from './oidc-sign-in';

/** jose is an ES module, required only when a provider is configured (as openid-client). */
const jose = (): Promise<typeof Jose> => import('jose');

// The provider signs with its private key: never an HMAC, which would make its public keys a secret.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The unverified header and payload of a compact JWS, to tell whose token it is before checking it. */
const peek = (token: string): { alg?: unknown; iss?: unknown } | undefined => {
  const [header, payload] = token.split('.');
  try {
    const h: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    const p: unknown = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    return isObject(h) && isObject(p) ? { alg: h.alg, iss: p.iss } : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Bearer tokens issued by the OIDC provider (DESIGN §6: the API accepts them beside its own): a JWT
 * signed with one of the provider's published keys, from its issuer, naming the API's audience, with
 * a numeric `exp` within the lifetime cap; the role and départements mapped from its claims.
 */
export class ProviderTokens {
  private keys?: ReturnType<typeof Jose.createRemoteJWKSet>;

  constructor(
    private readonly config: OidcConfig,
    private readonly signIn: OidcSignIn,
    private readonly policy: TokenPolicy,
  ) {}

  /** Whether `token` claims to come from the provider: asymmetrically signed, with its issuer. */
  isProviderToken(token: string): boolean {
    const seen = peek(token);
    return seen !== undefined && typeof seen.alg === 'string' && ALGORITHMS.includes(seen.alg) && seen.iss === this.config.issuer;
  }

  /** The claims of a provider's token; throws `InvalidTokenError`. */
  async verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<AccessClaims & { exp: number; iat?: number }> {
    const { createRemoteJWKSet, jwtVerify, errors } = await jose();
    this.keys ??= createRemoteJWKSet(new URL(await this.signIn.jwksUri()));
    let payload: Jose.JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.apiAudience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_LEEWAY_SECONDS,
        currentDate: new Date(nowSeconds * 1000),
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(`not a valid token of ${this.config.issuer}: ${error.message}`);
      throw error;
    }
    const exp = payload.exp!;
    if (exp - (payload.iat ?? nowSeconds) > this.policy.maxLifetimeSeconds) throw new InvalidTokenError(`valid for longer than the ${this.policy.maxLifetimeSeconds} s allowed`);
    try {
      const { name: _name, ...claims } = principalClaimsOf(payload, this.config.claims);
      return { ...claims, exp, ...(payload.iat === undefined ? {} : { iat: payload.iat }) };
    } catch (error) {
      if (error instanceof InvalidClaimsError) throw new InvalidTokenError(error.message);
      throw error;
    }
  }
}
