import { addDays, CalendarDate } from '../shared/dates';
import { ComplianceCaseId, MandateId, ObligationId } from '../shared/ids';
import { CompliancePenaltyLiquidated, ComplianceReviewRequested, ObligationTerms } from './compliance-case.events';
import { AppealOutcome, CaseParties, CourtDecision, PenaltyScope, Procedure } from './compliance-case.terms';

/** The opening decision, then the appellate ones, each with its notification once recorded. */
export type DecisionRecord = CourtDecision & { readonly notifiedOn?: CalendarDate } & (
  | { readonly kind: 'opening' }
  | { readonly kind: 'appeal'; readonly outcome: AppealOutcome; readonly supersedes: readonly ObligationId[] }
);

/** From `on`, the obligation is replaced or annulled by `decision` (through `obligationId` when a later obligation replaces it). */
export interface Supersession {
  readonly on: CalendarDate;
  readonly decision: string;
  readonly obligationId?: ObligationId;
}

export interface Measure {
  readonly mandateId: MandateId;
  readonly effectiveFrom: CalendarDate;
}

/** A recorded standing of the obligation, in date order: the last one dated on or before a day holds on it. */
export type Assessment =
  | { readonly kind: 'satisfied'; readonly on: CalendarDate; readonly reason: string }
  | { readonly kind: 'contested'; readonly on: CalendarDate; readonly reason: string; readonly by: string };

export interface ComplianceObligation extends ObligationTerms {
  /** The date of the decision that orders it. */
  readonly orderedOn: CalendarDate;
  readonly measures: readonly Measure[];
  readonly assessments: readonly Assessment[];
  readonly supersededBy?: Supersession;
}

export interface Evidence {
  readonly sha256: string;
  readonly title: string;
  readonly documentDate: CalendarDate;
  readonly obligationId?: ObligationId;
}

export interface Consultation {
  readonly heldOn: CalendarDate;
  readonly parties: readonly string[];
  readonly summary: string;
}

/** A liquidation by the judge of the penalty its obligation runs under. */
export type Liquidation = Omit<CompliancePenaltyLiquidated['data'], 'complianceCaseId'>;

/** A consultation or review a decision asked for, with that decision's date. */
export type Review = Omit<ComplianceReviewRequested['data'], 'complianceCaseId'> & { readonly requestedOn: CalendarDate };

interface CaseRecord {
  readonly complianceCaseId: ComplianceCaseId;
  readonly procedure: Procedure;
  readonly parties: CaseParties;
  /** The opening decision first. */
  readonly decisions: readonly DecisionRecord[];
  readonly obligations: readonly ComplianceObligation[];
  readonly evidence: readonly Evidence[];
  readonly consultations: readonly Consultation[];
  readonly liquidations: readonly Liquidation[];
  readonly reviews: readonly Review[];
}

export type OpenedComplianceCase =
  | (CaseRecord & { readonly status: 'open' })
  | (CaseRecord & { readonly status: 'closed'; readonly closedOn: CalendarDate; readonly closureReason: string });

export type ComplianceCaseState = { readonly status: 'not_opened' } | OpenedComplianceCase;

/** The decision one of whose case numbers is `caseNumber`. */
export const decisionNamed = (complianceCase: OpenedComplianceCase, caseNumber: string): DecisionRecord | undefined =>
  complianceCase.decisions.find(({ caseNumbers }) => caseNumbers.includes(caseNumber));

export const obligationNamed = (complianceCase: OpenedComplianceCase, obligationId: ObligationId): ComplianceObligation | undefined =>
  complianceCase.obligations.find((obligation) => obligation.obligationId === obligationId);

/** When the decision ordering the obligation was notified, and the last day to comply: that date plus the deadline days. */
export const deadlineOf = (
  complianceCase: OpenedComplianceCase,
  obligation: ComplianceObligation,
): { readonly notifiedOn: CalendarDate; readonly deadline: CalendarDate } | undefined => {
  const notifiedOn = decisionNamed(complianceCase, obligation.decision)?.notifiedOn;
  return notifiedOn === undefined ? undefined : { notifiedOn, deadline: addDays(notifiedOn, obligation.deadlineDays) };
};

/**
 * The penalty an obligation runs under: its own, or one shared by the obligations of its article
 * (of the same decision) or of its whole decision. `penaltyId` names it within the case:
 * `obligation:art-2`, `article:1705379:art. 3`, `decision:1705379`, the decision by its first
 * case number.
 */
export interface PenaltyGroup {
  readonly penaltyId: string;
  readonly scope: PenaltyScope;
  readonly decision: string;
  readonly article: string | null;
}

export const penaltyGroupOf = (complianceCase: OpenedComplianceCase, obligation: ComplianceObligation): PenaltyGroup => {
  const decision = decisionNamed(complianceCase, obligation.decision)?.caseNumbers[0] ?? obligation.decision;
  switch (obligation.penaltyScope) {
    case 'obligation':
      return { penaltyId: `obligation:${obligation.obligationId}`, scope: 'obligation', decision, article: null };
    case 'article':
      return { penaltyId: `article:${decision}:${obligation.article}`, scope: 'article', decision, article: obligation.article };
    case 'decision':
      return { penaltyId: `decision:${decision}`, scope: 'decision', decision, article: null };
  }
};

/** The first day the obligation's penalty runs: the date the order sets, else the day after the deadline; none before the notification. */
export const penaltyStartOf = (complianceCase: OpenedComplianceCase, obligation: ComplianceObligation): CalendarDate | undefined => {
  if (obligation.penaltyStartsOn !== undefined) return obligation.penaltyStartsOn;
  const deadline = deadlineOf(complianceCase, obligation)?.deadline;
  return deadline === undefined ? undefined : addDays(deadline, 1);
};
