import { CalendarDate } from '../shared/dates';
import { DomainError } from '../shared/domain-error';

const conflict = (code: string, message: string) => new DomainError(code, message, 'conflict');
const invalid = (code: string, message: string) => new DomainError(code, message, 'invalid');

export const complianceCaseNotFound = (id: string) =>
  new DomainError('COMPLIANCE_CASE_NOT_FOUND', `compliance case ${id} was never opened`, 'not_found');
export const complianceCaseAlreadyOpened = (id: string) =>
  conflict('COMPLIANCE_CASE_ALREADY_OPENED', `compliance case ${id} is already opened`);
export const complianceCaseClosed = (closedOn: CalendarDate) =>
  conflict('COMPLIANCE_CASE_CLOSED', `the compliance case was closed on ${closedOn}: only a report may still be issued`);
export const caseNumberAlreadyRecorded = (caseNumber: string) =>
  conflict('CASE_NUMBER_ALREADY_RECORDED', `case number ${caseNumber} already names a decision of this case`);
export const decisionNotFound = (caseNumber: string) =>
  conflict('DECISION_NOT_FOUND', `no decision of this case bears the number ${caseNumber}`);
export const decisionAlreadyNotified = (caseNumber: string, notifiedOn: CalendarDate) =>
  conflict('DECISION_ALREADY_NOTIFIED', `decision ${caseNumber} was notified on ${notifiedOn}`);
export const dateBeforeDecision = (field: string, date: CalendarDate, decisionDate: CalendarDate) =>
  conflict('DATE_BEFORE_DECISION', `${field} ${date} is before the decision of ${decisionDate}`);
/** A sub-entity named in the request, so the edge may answer 404 as for the case itself. */
export const obligationNotFound = (id: string) =>
  new DomainError('OBLIGATION_NOT_FOUND', `no obligation ${id} in this case`, 'not_found');
export const obligationAlreadyAdded = (id: string) => conflict('OBLIGATION_ALREADY_ADDED', `obligation ${id} is already in this case`);
export const obligationSuperseded = (id: string, on: CalendarDate) =>
  conflict('OBLIGATION_SUPERSEDED', `obligation ${id} was superseded on ${on}`);
export const obligationAlreadySatisfied = (id: string) =>
  conflict('OBLIGATION_ALREADY_SATISFIED', `obligation ${id} is already recorded as satisfied`);
export const obligationAlreadyContested = (id: string) =>
  conflict('OBLIGATION_ALREADY_CONTESTED', `obligation ${id} is already recorded as contested`);
export const measureAlreadyLinked = (mandateId: string, obligationId: string) =>
  conflict('MEASURE_ALREADY_LINKED', `mandate ${mandateId} is already linked to obligation ${obligationId}`);
/** The mandate to link was never granted. */
export const mandateNotGranted = (id: string) => conflict('MANDATE_NOT_GRANTED', `mandate ${id} was never granted`);
export const evidenceAlreadyAttached = (sha256: string) =>
  conflict('EVIDENCE_ALREADY_ATTACHED', `a document with SHA-256 ${sha256} is already attached`);
export const invalidSha256 = (field: string, value: unknown) =>
  invalid('INVALID_SHA256', `${field} must be a SHA-256 as 64 lower-case hexadecimal digits, got ${JSON.stringify(value)}`);
export const invalidDeadline = (value: unknown) =>
  invalid('INVALID_DEADLINE', `deadlineDays must be a whole number of days, 0 or more, got ${JSON.stringify(value)}`);
export const duplicateAddressee = (kind: string, name?: string) =>
  invalid('DUPLICATE_ADDRESSEE', `addressee ${name === undefined ? kind : `${kind} ${name}`} is listed twice`);
export const upheldSupersedesNothing = () =>
  invalid('UPHELD_SUPERSEDES_NOTHING', 'an appellate decision that upholds the order cannot supersede an obligation');
export const penaltyMismatch = (penaltyId: string) =>
  conflict('PENALTY_MISMATCH', `penalty ${penaltyId} is shared: each of its obligations needs the same amount a day and start`);
export const noPenaltyOrdered = (obligationId: string) =>
  conflict('NO_PENALTY_ORDERED', `obligation ${obligationId} runs under no penalty: there is nothing to liquidate`);
export const penaltyNotRunning = (from: CalendarDate, start?: CalendarDate) =>
  conflict(
    'PENALTY_NOT_RUNNING',
    start === undefined ? `the penalty has not started (the decision is not notified), so ${from} cannot be liquidated` : `the penalty runs from ${start}, after ${from}`,
  );
export const daysAfterLiquidation = (to: CalendarDate, liquidatedOn: CalendarDate) =>
  invalid('DAYS_AFTER_LIQUIDATION', `a liquidation of ${liquidatedOn} cannot cover days up to ${to}, after it`);
export const stateShareExceedsAmount = (share: number, amount: number) =>
  invalid('STATE_SHARE_EXCEEDS_AMOUNT', `the State's share of ${share} cents exceeds the ${amount} cents liquidated`);
export const liquidationExceedsPenalty = (amount: number, maximum: number) =>
  invalid('LIQUIDATION_EXCEEDS_PENALTY', `${amount} cents exceed the ${maximum} cents the penalty can reach over those days`);
export const daysAlreadyLiquidated = (penaltyId: string, from: CalendarDate, to: CalendarDate) =>
  conflict('DAYS_ALREADY_LIQUIDATED', `penalty ${penaltyId} was already liquidated for days within ${from}..${to}`);
export const reviewAlreadyRequested = (reviewId: string) => conflict('REVIEW_ALREADY_REQUESTED', `review ${reviewId} is already in this case`);
