import { ROLES, type Role } from '@mandate-ledger/application';
import { ConfigurationError } from '@mandate-ledger/storage';

/** Where roles, départements and an operator's id are read in a provider's claims. */
export interface ClaimsMapping {
  /** `OIDC_ROLE_CLAIM` (default `role`): a claim, or a dotted path (`realm_access.roles`); a text or a list. */
  readonly roleClaim: string;
  /** `OIDC_ROLE_VALUES` (`ddets-agent=officer,inspection=auditor`): claim values to roles; a value equal to a role name is that role. */
  readonly roleValues: ReadonlyMap<string, Role>;
  /** `OIDC_DEPARTEMENTS_CLAIM` (default `departements`): a list, or a text of codes separated by commas or spaces. */
  readonly departementsClaim: string;
  /** `OIDC_OPERATOR_ID_CLAIM` (default `operator_id`). */
  readonly operatorIdClaim: string;
}

/** An OpenID Connect provider people sign in with (ProConnect, or any other), and how its claims map. */
export interface OidcConfig {
  /** `OIDC_ISSUER`: the provider's issuer URL, whose `/.well-known/openid-configuration` is read. */
  readonly issuer: string;
  readonly clientId: string;
  /** Absent: a public client (PKCE alone). */
  readonly clientSecret?: string;
  /** `OIDC_SCOPES` (default `openid profile email`). */
  readonly scopes: string;
  /** `OIDC_API_AUDIENCE` (default the client id): the `aud` a provider's token must name to be accepted as a bearer token. */
  readonly apiAudience: string;
  readonly claims: ClaimsMapping;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether an issuer may be reached over plain HTTP: only on this machine (a provider started by tests, a local one). */
export const isLoopbackHttp = (url: string): boolean => {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
};

const CLAIM_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/** Reads the `OIDC_*` variables: undefined when `OIDC_ISSUER` is not set (sign-in links then, on the embedded default). */
export const oidcConfigFrom = (env: NodeJS.ProcessEnv): OidcConfig | undefined => {
  const issuer = env.OIDC_ISSUER;
  if (!issuer) return undefined;
  const problems: string[] = [];
  try {
    const url = new URL(issuer);
    if (url.protocol !== 'https:' && !isLoopbackHttp(issuer)) problems.push(`OIDC_ISSUER must use https (plain http only on localhost), got "${issuer}"`);
  } catch {
    problems.push(`OIDC_ISSUER must be the provider's issuer URL, got "${issuer}"`);
  }
  const clientId = env.OIDC_CLIENT_ID;
  if (!clientId) problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER');
  const claimPath = (name: string, fallback: string): string => {
    const value = env[name] ?? fallback;
    if (!CLAIM_PATH.test(value)) problems.push(`${name} must be a claim name or a dotted path such as realm_access.roles, got "${value}"`);
    return value;
  };
  const roleValues = new Map<string, Role>(ROLES.map((role) => [role, role]));
  for (const pair of (env.OIDC_ROLE_VALUES ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [value, role] = pair.split('=').map((p) => p.trim());
    if (!value || !ROLES.includes(role as Role)) problems.push(`OIDC_ROLE_VALUES must list claimValue=role pairs with roles among ${ROLES.join(', ')}, got "${pair}"`);
    else roleValues.set(value, role as Role);
  }
  const scopes = env.OIDC_SCOPES ?? 'openid profile email';
  if (!scopes.split(' ').includes('openid')) problems.push(`OIDC_SCOPES must include openid, got "${scopes}"`);
  const claims: ClaimsMapping = {
    roleClaim: claimPath('OIDC_ROLE_CLAIM', 'role'),
    roleValues,
    departementsClaim: claimPath('OIDC_DEPARTEMENTS_CLAIM', 'departements'),
    operatorIdClaim: claimPath('OIDC_OPERATOR_ID_CLAIM', 'operator_id'),
  };
  if (problems.length > 0 || !clientId) throw new ConfigurationError(problems);
  return {
    issuer,
    clientId,
    ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}),
    scopes,
    apiAudience: env.OIDC_API_AUDIENCE || clientId,
    claims,
  };
};
