import { type AccessClaims, accessClaimsOf, InvalidClaimsError } from '@mandate-ledger/access';
import type { Role } from '@mandate-ledger/application';
import type { ClaimsMapping } from './oidc-config';

const at = (claims: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), claims);

const texts = (value: unknown): string[] => {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
};

// When a person holds several mapped roles, the broadest one.
const PRECEDENCE: readonly Role[] = ['admin', 'officer', 'auditor', 'operator'];

/**
 * What a provider says of a person, as the API's claims: the role its mapped claim gives (refused
 * without one: signing in with the provider is not being allowed in), départements and operator id.
 */
export const principalClaimsOf = (claims: Record<string, unknown>, mapping: ClaimsMapping): AccessClaims & { name?: string } => {
  const roles = texts(at(claims, mapping.roleClaim))
    .map((value) => mapping.roleValues.get(value))
    .filter((role): role is Role => role !== undefined);
  const role = PRECEDENCE.find((candidate) => roles.includes(candidate));
  if (!role) throw new InvalidClaimsError(`the provider gives no role this service knows in ${mapping.roleClaim}`);
  const departements = texts(at(claims, mapping.departementsClaim));
  const operatorId = at(claims, mapping.operatorIdClaim);
  const name = [claims.given_name, claims.usual_name ?? claims.family_name].filter((part) => typeof part === 'string').join(' ') || claims.name || claims.email;
  return {
    ...accessClaimsOf({
      sub: claims.sub,
      role,
      ...(departements.length > 0 ? { departements } : {}),
      ...(typeof operatorId === 'string' ? { operatorId } : {}),
    }),
    ...(typeof name === 'string' ? { name } : {}),
  };
};
