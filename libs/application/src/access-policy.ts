import type { GrantedMandate, OpenedComplianceCase, OperatorState } from '@mandate-ledger/domain';
import type { Principal, Role } from './principal';

/** A principal refused by the access rules (HTTP: 403), with a stable code. */
export class AccessDeniedError extends Error {
  constructor(
    readonly code: 'ROLE_NOT_ALLOWED' | 'OUTSIDE_DEPARTEMENTS' | 'NOT_OWN_MANDATE' | 'NOT_OWN_OPERATOR',
    message: string,
  ) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

/** The access rules of DESIGN §6, in one place. Every refusal is an {@link AccessDeniedError}. */

/**
 * The roles that may ever make each kind of write. Each write endpoint declares its kind, and the
 * guard refuses any other role before the body is looked at (DESIGN §4); the checks below repeat it
 * for callers without HTTP.
 */
export const WRITERS = {
  /** Mandates' grants and decisions, operators, compliance cases. */
  records: ['officer', 'admin'],
  /** A mandate's activity reports and completion: also its operator. */
  reports: ['officer', 'operator', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

const outside = (what: string) => new AccessDeniedError('OUTSIDE_DEPARTEMENTS', `${what} lies outside the départements of this token`);
const notOwn = () => new AccessDeniedError('NOT_OWN_MANDATE', 'An operator acts only on its own mandates');
const readOnly = () => new AccessDeniedError('ROLE_NOT_ALLOWED', 'Auditors read everything and write nothing');

const mayWrite = (principal: Principal, kind: keyof typeof WRITERS): boolean => (WRITERS[kind] as readonly Role[]).includes(principal.role);

const assertRoleRecords = (principal: Principal, what: string): void => {
  if (mayWrite(principal, 'records')) return;
  throw principal.role === 'auditor' ? readOnly() : new AccessDeniedError('ROLE_NOT_ALLOWED', `Role ${principal.role} may not ${what}`);
};

const inScope = (principal: Pick<Principal, 'departements'>, departements: Iterable<string>): boolean => {
  const mine = new Set(principal.departements ?? []);
  for (const departement of departements) if (mine.has(departement)) return true;
  return false;
};

/** Every département a mandate touched: its authority's and each version of its territory. */
export const departementsOf = (mandate: GrantedMandate): Set<string> =>
  new Set([mandate.authority.departement, ...mandate.terms.map((t) => t.territory.departement)]);

/** Officers record within their départements; admins anywhere; nobody else. */
export const assertMayRecordIn = (principal: Principal, departements: readonly string[], what: string): void => {
  assertRoleRecords(principal, `record ${what}`);
  if (principal.role === 'admin') return;
  if (!departements.every((d) => inScope(principal, [d]))) throw outside(what);
};

/** Lifecycle decisions on a mandate: its officers and admins. */
export const assertMayDecideOn = (principal: Principal, mandate: GrantedMandate): void => {
  assertRoleRecords(principal, 'decide on a mandate');
  if (principal.role === 'admin') return;
  if (!inScope(principal, departementsOf(mandate))) throw outside('This mandate');
};

/**
 * An amendment of the territory decides which officers record and read the mandate from then on:
 * the officer must hold the authority's département and the territory's, before and after.
 */
export const assertMayAmendTerritory = (principal: Principal, mandate: GrantedMandate, to: string): void => {
  assertMayDecideOn(principal, mandate);
  if (principal.role === 'admin') return;
  const before = mandate.terms[mandate.terms.length - 1].territory.departement;
  if (![mandate.authority.departement, before, to].every((d) => inScope(principal, [d]))) {
    throw outside("The mandate's authority, or its territory before or after the amendment,");
  }
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
    if (principal.operatorId !== operatorId) throw new AccessDeniedError('NOT_OWN_OPERATOR', 'An operator reads only its own record');
    return;
  }
  if (!inScope(principal, operator.details.departements)) throw outside('This operator');
};

/** Updating or deregistering an operator: officers of one of its départements, admins. */
export const assertMayManageOperator = (principal: Principal, operator: Exclude<OperatorState, { status: 'unregistered' }>): void => {
  assertRoleRecords(principal, 'manage operators');
  if (principal.role === 'admin') return;
  if (!inScope(principal, operator.details.departements)) throw outside('This operator');
};

/** An update that changes an operator's départements (who may manage it) needs every one of them, before and after. */
export const assertMayChangeOperatorDepartements = (
  principal: Principal,
  operator: Exclude<OperatorState, { status: 'unregistered' }>,
  to: readonly string[],
): void => {
  const before = operator.details.departements;
  if (before.length === to.length && before.every((d) => to.includes(d))) return;
  assertMayRecordIn(principal, [...before, ...to], "This operator's départements, before or after the update,");
};

/** The départements a compliance case concerns: the territories of its obligations (none before the first). */
export const departementsOfCase = (complianceCase: OpenedComplianceCase): string[] =>
  [...new Set(complianceCase.obligations.map(({ territory }) => territory.departement))].sort();

const noCaseAccess = (role: string) => new AccessDeniedError('ROLE_NOT_ALLOWED', `Role ${role} has no access to compliance cases`);

/** Before anything is read: officers and admins record compliance cases; auditors only read; operators neither. */
export const assertMayRecordCases = (principal: Principal): void => {
  if (mayWrite(principal, 'records')) return;
  throw principal.role === 'auditor' ? readOnly() : noCaseAccess(principal.role);
};

/**
 * A write on an opened case: an officer needs every département it concerns, and those the write
 * brings in (`also`: the territory of a new obligation, the linked mandate's).
 */
export const assertMayRecordOnCase = (principal: Principal, complianceCase: OpenedComplianceCase, also: readonly string[] = []): void => {
  assertMayRecordCases(principal);
  if (principal.role === 'admin') return;
  if (![...departementsOfCase(complianceCase), ...also].every((d) => inScope(principal, [d]))) throw outside('This compliance case');
};

/** Before anything is read: everyone but operators may read compliance cases. */
export const assertMayReadCases = (principal: Principal): void => {
  if (principal.role === 'operator') throw noCaseAccess(principal.role);
};

/** Whoever reads or opened a case: a principal, or the actor its opening event recorded. */
export interface CaseReader {
  readonly role: string;
  readonly departements?: readonly string[];
}

/**
 * Admins and auditors read every case; officers a case concerning one of their départements, as for
 * mandates, or one without obligations yet (which concerns nobody's in particular).
 */
const readsCaseConcerning = (reader: CaseReader, concerned: readonly string[]): boolean =>
  reader.role === 'admin' || reader.role === 'auditor' || concerned.length === 0 || inScope(reader, concerned);

export const assertMayReadCase = (principal: Principal, complianceCase: OpenedComplianceCase): void => {
  assertMayReadCases(principal);
  if (!readsCaseConcerning(principal, departementsOfCase(complianceCase))) throw outside('This compliance case');
};

/**
 * No write leaves a case unreadable to the officer who opened it, as the token it opened the case
 * with. Only an obligation changes whom a case concerns, and never takes a département away, so the
 * rule is checked when one is added (it bites on the first). Without recorded départements (opened
 * by an admin, or before openers' départements were recorded) there is no such officer to keep.
 */
export const assertCaseStaysReadableToOpener = (opener: CaseReader | undefined, complianceCase: OpenedComplianceCase, adding: string): void => {
  if (opener?.role !== 'officer' || opener.departements === undefined) return;
  if (readsCaseConcerning(opener, [...departementsOfCase(complianceCase), adding])) return;
  const theirs = opener.departements.join(', ') || 'none';
  throw new AccessDeniedError('OUTSIDE_DEPARTEMENTS',
    `The officer who opened this compliance case (départements ${theirs}) would no longer read it: an obligation must lie in one of those first`,
  );
};

/** What a principal reads of lists over mandates: officers those touching their départements, operators their own, auditors and admins all. */
export const mandateReadScope = (principal: Principal): { readonly withinDepartements?: readonly string[]; readonly operatorId?: string } => {
  if (principal.role === 'officer') return { withinDepartements: principal.departements ?? [] };
  if (principal.role === 'operator') return { operatorId: principal.operatorId ?? '' };
  return {};
};
