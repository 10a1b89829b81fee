import { ConfigurationError } from '@mandate-ledger/storage';
import { DEFAULT_MAX_TOKEN_LIFETIME_HOURS, type TokenPolicy } from './jwt';

/** A claim value the token must carry: unset or empty means no check; blank is a mistake. */
const claimValue = (env: NodeJS.ProcessEnv, name: string, problems: string[]): string | undefined => {
  const value = env[name];
  if (!value) return undefined;
  if (value.trim() !== value) problems.push(`${name} must not start or end with spaces, got "${value}"`);
  return value;
};

/**
 * Reads `AUTH_MAX_TOKEN_LIFETIME_HOURS` (default 12), `AUTH_JWT_ISSUER` and `AUTH_JWT_AUDIENCE`, for the
 * server that verifies tokens and the CLI that mints them alike; lists every problem at once.
 */
export const tokenPolicyFrom = (env: NodeJS.ProcessEnv): TokenPolicy => {
  const problems: string[] = [];
  const hours = Number(env.AUTH_MAX_TOKEN_LIFETIME_HOURS ?? DEFAULT_MAX_TOKEN_LIFETIME_HOURS);
  if (!Number.isFinite(hours) || hours * 3600 < 1) {
    problems.push(`AUTH_MAX_TOKEN_LIFETIME_HOURS must be a positive number of hours, got "${env.AUTH_MAX_TOKEN_LIFETIME_HOURS}"`);
  }
  const issuer = claimValue(env, 'AUTH_JWT_ISSUER', problems);
  const audience = claimValue(env, 'AUTH_JWT_AUDIENCE', problems);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { maxLifetimeSeconds: Math.round(hours * 3600), issuer, audience };
};
