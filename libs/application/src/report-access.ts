import type { OpenedComplianceCase } from '@mandate-ledger/domain';
import { AccessDeniedError, assertMayReadCases, departementsOfCase } from './access-policy';
import type { Principal } from './principal';

/** Before anything is read: operators never get compliance reports (nor cases). */
export const assertMayRequestReports = (principal: Principal): void => assertMayReadCases(principal);

/**
 * Admins and auditors get every report; officers those of cases whose obligations all lie in their
 * départements (so any case without obligations yet). Stricter than reading the case, where one
 * département suffices: the report carries every linked mandate's events in full.
 */
export const assertMayReadReport = (principal: Principal, complianceCase: OpenedComplianceCase): void => {
  assertMayRequestReports(principal);
  if (principal.role === 'admin' || principal.role === 'auditor') return;
  const mine = new Set(principal.departements ?? []);
  if (!departementsOfCase(complianceCase).every((departement) => mine.has(departement))) {
    throw new AccessDeniedError('OUTSIDE_DEPARTEMENTS', 'This compliance case lies outside the départements of this token');
  }
};
