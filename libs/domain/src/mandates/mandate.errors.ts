import { CalendarDate } from '../shared/dates';
import { DomainError } from '../shared/domain-error';

const conflict = (code: string, message: string) => new DomainError(code, message, 'conflict');
const invalid = (code: string, message: string) => new DomainError(code, message, 'invalid');

export const mandateNotFound = (id: string) => new DomainError('MANDATE_NOT_FOUND', `mandate ${id} was never granted`, 'not_found');
export const mandateAlreadyGranted = (id: string) => conflict('MANDATE_ALREADY_GRANTED', `mandate ${id} is already granted`);
export const mandateNotActive = (date: CalendarDate, status: string) =>
  conflict('MANDATE_NOT_ACTIVE', `the mandate is ${status} on ${date}, not active`);
export const mandateNotSuspended = (date: CalendarDate) =>
  conflict('MANDATE_NOT_SUSPENDED', `the mandate has no suspension in force on ${date} to lift`);
export const mandateTerminated = () => conflict('MANDATE_TERMINATED', 'the mandate is terminated');
export const mandateCompleted = () => conflict('MANDATE_COMPLETED', 'the mission of the mandate is completed');
export const mandateExpired = (date: CalendarDate, end: CalendarDate) =>
  conflict('MANDATE_EXPIRED', `the mandate ended on ${end}, before ${date}`);
export const renewalMustExtend = (newEnd: CalendarDate, end: CalendarDate) =>
  conflict('RENEWAL_MUST_EXTEND', `a renewal must end after ${end}, got ${newEnd}`);
export const amendmentEmpty = () => invalid('AMENDMENT_EMPTY', 'an amendment changes at least one of missions, territory, financing, staffing, periodEnd');
export const amendmentOutsidePeriod = (date: CalendarDate) =>
  conflict('AMENDMENT_OUTSIDE_PERIOD', `an amendment effective on ${date} lies outside the mandate period`);
export const effectiveDateOutOfOrder = (date: CalendarDate, last: CalendarDate) =>
  conflict('EFFECTIVE_DATE_OUT_OF_ORDER', `${date} is before ${last}, the effective date of an earlier decision of the same kind`);
export const writtenAgreementRequired = (yearlyCents: number, thresholdCents: number) =>
  invalid(
    'WRITTEN_AGREEMENT_REQUIRED',
    `a subsidy of ${Math.round(yearlyCents)} cents a year exceeds ${thresholdCents} cents: it needs a written agreement (loi 2000-321 art. 10)`,
  );
export const cpomTooLong = () => invalid('CPOM_TOO_LONG', 'a CPOM lasts at most 5 years');
export const invalidCpv = (value: unknown) =>
  invalid('INVALID_CPV', `a public contract needs a CPV code 12345678-9, got ${JSON.stringify(value)}`);
export const duplicateMission = (type: string) => invalid('DUPLICATE_MISSION', `mission ${type} is listed twice`);
export const missionWithoutIndicators = (type: string) =>
  invalid('MISSION_WITHOUT_INDICATORS', `mission ${type} needs evaluation indicators (CASF D.345-8)`);
export const rateOnly = (name: string) => invalid('PER_ONLY_FOR_RATES', `indicator ${name} is not a rate: it takes no per`);
export const duplicateIndicator = (name: string) => invalid('DUPLICATE_INDICATOR', `indicator ${name} appears twice`);
export const unknownIndicator = (name: string) =>
  invalid('UNKNOWN_INDICATOR', `indicator ${name} is not declared by the mandate for that period`);
export const invalidIndicatorValue = (name: string) =>
  invalid('INVALID_INDICATOR_VALUE', `indicator ${name} needs a non-negative number`);
export const invalidCommune = (value: unknown) =>
  invalid('INVALID_COMMUNE', `${JSON.stringify(value)} is not an INSEE commune code`);
export const communeOutsideDepartement = (commune: string, departement: string) =>
  invalid('COMMUNE_OUTSIDE_DEPARTEMENT', `commune ${commune} is not in département ${departement}`);
export const siteOutsideTerritory = (site: string) =>
  invalid('SITE_OUTSIDE_TERRITORY', `site ${site} lies in a commune outside the territory`);
export const invalidAmount = (field: string) => invalid('INVALID_AMOUNT', `${field} must be a non-negative whole number of cents`);
export const scheduleAmountMismatch = (sum: number, amount: number) =>
  invalid('SCHEDULE_AMOUNT_MISMATCH', `the instalments add up to ${sum} cents, not ${amount}`);
export const invalidChorusCommitment = (value: unknown) =>
  invalid('INVALID_CHORUS_COMMITMENT', `${JSON.stringify(value)} is not a Chorus commitment number (10 digits)`);
export const reportOutsidePeriod = (start: CalendarDate, end: CalendarDate) =>
  conflict('REPORT_OUTSIDE_PERIOD', `a report for ${start}..${end} lies outside the time the mandate was in force`);
export const completionBeforeStart = (date: CalendarDate, start: CalendarDate) =>
  conflict('COMPLETION_BEFORE_START', `a mission cannot be completed on ${date}, before the mandate starts on ${start}`);
