import { type Principal, type Role, ROLES } from '@mandate-ledger/application';

/** Who a person is to the API, whichever way they signed in: the principal a bearer token names. */
export type AccessClaims = Principal;

/** A refused set of claims: a sign-in link, session or provider identity the API cannot use. */
export class InvalidClaimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidClaimsError';
  }
}

const DEPARTEMENT = /^(\d{2}|2A|2B|97\d)$/;

/** The claims of a principal, checked as the API checks a bearer token's: a known role, and what that role needs. */
export const accessClaimsOf = (claims: { sub?: unknown; role?: unknown; departements?: unknown; operatorId?: unknown }): AccessClaims => {
  const { sub, role, departements, operatorId } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255) throw new InvalidClaimsError('a sub of 1 to 255 characters is required');
  if (!ROLES.includes(role as Role)) throw new InvalidClaimsError(`unknown role ${String(role)}`);
  if (departements !== undefined && !(Array.isArray(departements) && departements.every((d) => typeof d === 'string' && DEPARTEMENT.test(d)))) {
    throw new InvalidClaimsError('departements must be a list of département codes such as 62, 2A or 971');
  }
  if (role === 'officer' && !(Array.isArray(departements) && departements.length > 0)) throw new InvalidClaimsError('an officer needs départements');
  if (operatorId !== undefined && typeof operatorId !== 'string') throw new InvalidClaimsError('operatorId must be a text');
  if (role === 'operator' && !operatorId) throw new InvalidClaimsError('an operator needs operatorId');
  return {
    sub,
    role: role as Role,
    ...(Array.isArray(departements) ? { departements: [...new Set(departements as string[])] } : {}),
    ...(typeof operatorId === 'string' ? { operatorId: operatorId.toLowerCase() } : {}),
  };
};
