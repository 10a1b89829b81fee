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
/** One subsidy counted in a year's total: the decision's reference and its share of that year. */
export interface SubsidyShare {
  readonly mandateId: string;
  readonly reference: string;
  readonly amountCents: number;
}

export const writtenAgreementRequired = (year: number, totalCents: number, thresholdCents: number, shares: readonly SubsidyShare[]) =>
  new DomainError(
    'WRITTEN_AGREEMENT_REQUIRED',
    `the subsidies of this authority to this operator for ${year} add up to ${totalCents} cents ` +
      `(${shares.map((share) => `${share.reference}: ${share.amountCents}`).join(', ')}), above ${thresholdCents} cents: ` +
      'a written agreement is required (loi 2000-321 art. 10, décret 2001-495)',
    'invalid',
    { year, totalCents, thresholdCents, subsidies: shares.map((share) => ({ ...share })) },
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
export const procurementRequired = () =>
  invalid('PROCUREMENT_REQUIRED', 'a public contract needs its procurement facts (notification date, procedure, …) for its essential data (DECP)');
export const duplicateInstalment = (dueDate: CalendarDate) =>
  invalid('DUPLICATE_INSTALMENT', `two instalments fall due on ${dueDate}: a mandate schedules one a day at most`);
export const instalmentNotFound = (dueDate: CalendarDate) =>
  conflict('INSTALMENT_NOT_FOUND', `the mandate schedules no instalment due on ${dueDate}`);
export const paymentExceedsInstalment = (amount: number, outstanding: number, dueDate: CalendarDate) =>
  conflict('PAYMENT_EXCEEDS_INSTALMENT', `a payment of ${amount} cents exceeds the ${outstanding} cents still unpaid of the instalment due on ${dueDate}`);
export const instalmentWithheld = (dueDate: CalendarDate) =>
  conflict('INSTALMENT_WITHHELD', `the instalment due on ${dueDate} is withheld`);
export const instalmentAlreadyPaid = (dueDate: CalendarDate) =>
  conflict('INSTALMENT_ALREADY_PAID', `the instalment due on ${dueDate} is paid in full`);
export const financialReportNotLate = (year: number, dueOn: CalendarDate, date: CalendarDate) =>
  conflict('FINANCIAL_REPORT_NOT_LATE', `the financial report for ${year} is due by ${dueOn}: on ${date} it is not late, or was received`);
export const recoveryExceedsPaid = (amount: number, recoverable: number) =>
  conflict('RECOVERY_EXCEEDS_PAID', `a recovery of ${amount} cents exceeds the ${recoverable} cents paid and not yet recovered`);
export const financialYearOutsideMandate = (year: unknown) =>
  conflict('FINANCIAL_YEAR_OUTSIDE_MANDATE', `${JSON.stringify(year)} is not a financial year of the mandate`);
export const financialReportAlreadyReceived = (year: number) =>
  conflict('FINANCIAL_REPORT_ALREADY_RECEIVED', `the financial report for ${year} was already received`);
export const financialReportBeforeYearEnd = (year: number, end: CalendarDate) =>
  conflict('FINANCIAL_REPORT_BEFORE_YEAR_END', `the financial report for ${year} covers the year to ${end}: it cannot be received before`);
export const notPublishedIn = (dataset: string, kind: string) =>
  invalid('NOT_PUBLISHED_IN_DATASET', `a ${kind} is not published in ${dataset}`);
export const alreadyPublished = (dataset: string) => conflict('ALREADY_PUBLISHED', `the decision was already published in ${dataset}`);
export const publicationBeforeDecision = (date: CalendarDate, decisionDate: CalendarDate) =>
  conflict('PUBLICATION_BEFORE_DECISION', `a publication on ${date} cannot precede the decision of ${decisionDate}`);
