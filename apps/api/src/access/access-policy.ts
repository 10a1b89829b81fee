import type { GrantedMandate, OperatorState } from '@mandate-ledger/domain';
import type { Principal } from '../auth/principal';
import { ProblemError } from '../http/problem';

/** The access rules of DESIGN §6, in one place. Every refusal is a 403 with a code. */

const outside = (what: string) => new ProblemError(403, 'OUTSIDE_DEPARTEMENTS', `${what} lies outside the départements of this token`);
const notOwn = () => new ProblemError(403, 'NOT_OWN_MANDATE', 'An operator acts only on its own mandates');
const readOnly = () => new ProblemError(403, 'ROLE_NOT_ALLOWED', 'Auditors read everything and write nothing');

const inScope = (principal: Principal, departements: Iterable<string>): boolean => {
  const mine = new Set(principal.departements ?? []);
  for (const departement of departements) if (mine.has(departement)) return true;
  return false;
};

/** Every département a mandate touched: its authority's and each version of its territory. */
export const departementsOf = (mandate: GrantedMandate): Set<string> =>
  new Set([mandate.authority.departement, ...mandate.terms.map((t) => t.territory.departement)]);

/** Officers record within their départements; admins anywhere; nobody else. */
export const assertMayRecordIn = (principal: Principal, departements: readonly string[], what: string): void => {
  if (principal.role === 'admin') return;
  if (principal.role === 'auditor') throw readOnly();
  if (principal.role !== 'officer') throw new ProblemError(403, 'ROLE_NOT_ALLOWED', `Role ${principal.role} may not record ${what}`);
  if (!departements.every((d) => inScope(principal, [d]))) throw outside(what);
};

/** Lifecycle decisions on a mandate: its officers and admins. */
export const assertMayDecideOn = (principal: Principal, mandate: GrantedMandate): void => {
  if (principal.role === 'admin') return;
  if (principal.role === 'auditor') throw readOnly();
  if (principal.role !== 'officer') throw new ProblemError(403, 'ROLE_NOT_ALLOWED', `Role ${principal.role} may not decide on a mandate`);
  if (!inScope(principal, departementsOf(mandate))) throw outside('This mandate');
};

/** Activity reports and completion: the mandated operator itself, its officers, admins. */
export const assertMayReportOn = (principal: Principal, mandate: GrantedMandate): void => {
  if (principal.role === 'operator') {
    if (principal.operatorId !== mandate.operatorId) throw notOwn();
    return;
  }
  assertMayDecideOn(principal, mandate);
};

export const assertMayReadMandate = (principal: Principal, mandate: GrantedMandate): void => {
  if (principal.role === 'admin' || principal.role === 'auditor') return;
  if (principal.role === 'operator') {
    if (principal.operatorId !== mandate.operatorId) throw notOwn();
    return;
  }
  if (!inScope(principal, departementsOf(mandate))) throw outside('This mandate');
};

export const assertMayReadOperator = (principal: Principal, operatorId: string, operator: Exclude<OperatorState, { status: 'unregistered' }>): void => {
  if (principal.role === 'admin' || principal.role === 'auditor') return;
  if (principal.role === 'operator') {
    if (principal.operatorId !== operatorId) throw new ProblemError(403, 'NOT_OWN_OPERATOR', 'An operator reads only its own record');
    return;
  }
  if (!inScope(principal, operator.details.departements)) throw outside('This operator');
};

/** Updating or deregistering an operator: officers of one of its départements, admins. */
export const assertMayManageOperator = (principal: Principal, operator: Exclude<OperatorState, { status: 'unregistered' }>): void => {
  if (principal.role === 'admin') return;
  if (principal.role === 'auditor') throw readOnly();
  if (principal.role !== 'officer') throw new ProblemError(403, 'ROLE_NOT_ALLOWED', `Role ${principal.role} may not manage operators`);
  if (!inScope(principal, operator.details.departements)) throw outside('This operator');
};
