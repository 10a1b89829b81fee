import { DateInterval } from '../shared/date-intervals';
import { CalendarDate } from '../shared/dates';
import { DomainEvent } from '../shared/decider';
import { ComplianceCaseId, MandateId, ObligationId } from '../shared/ids';
import { MissionType, Territory } from '../mandates/mandate.terms';
import { Addressee, AppealOutcome, CaseParties, CourtDecision, PenaltyScope, Procedure, ReviewKind } from './compliance-case.terms';
import { ComplianceReportIssued } from '../compliance-reports/compliance-report.events';

interface OnCase {
  readonly complianceCaseId: ComplianceCaseId;
}

/** What an obligation orders, as the decision words it. */
export interface ObligationTerms {
  readonly obligationId: ObligationId;
  /** A case number of the decision that orders it: the opening one or a later appellate one. */
  readonly decision: string;
  /** `art. 2`, as the decision numbers it. */
  readonly article: string;
  /** The operative text, verbatim. */
  readonly text: string;
  readonly addressees: readonly Addressee[];
  readonly missionType: MissionType;
  readonly territory: Territory;
  /** Days from the notification of `decision` (the deadline is that date plus these days). */
  readonly deadlineDays: number;
  /**
   * Done once for all (install a water point) rather than continuing (keep it running): once
   * implemented, a one-off obligation has no more days of non-execution.
   */
  readonly oneOff: boolean;
  /** Penalty (astreinte) per day of non-execution, in integer cents; 0 when the court set none. */
  readonly penaltyPerDayCents: number;
  /** Whom that penalty runs for; a shared one has the same amount and start on each of its obligations. */
  readonly penaltyScope: PenaltyScope;
  /** When the order makes the penalty run from a date of its own; else from the day after the deadline. */
  readonly penaltyStartsOn?: CalendarDate;
  /** Obligations of earlier or the same decisions that this one replaces. */
  readonly supersedes: readonly ObligationId[];
}

/** 2: the parties (upcast from 1 with none named). */
export type ComplianceCaseOpened = DomainEvent<
  'ComplianceCaseOpened',
  OnCase & CourtDecision & { readonly procedure: Procedure; readonly parties: CaseParties },
  2
>;

/** `supersedes` names the obligations the appellate decision annuls or replaces (none when upheld). */
export type ComplianceAppealDecided = DomainEvent<
  'ComplianceAppealDecided',
  OnCase & CourtDecision & { readonly outcome: AppealOutcome; readonly supersedes: readonly ObligationId[] }
>;

/** 2: `oneOff` and the penalty's scope (upcast from 1 as continuing, one penalty per obligation). */
export type ComplianceObligationAdded = DomainEvent<'ComplianceObligationAdded', OnCase & ObligationTerms, 2>;

/** Deadlines of the obligations `decision` orders run from `notifiedOn`, never from the decision date. */
export type ComplianceDecisionNotified = DomainEvent<
  'ComplianceDecisionNotified',
  OnCase & { readonly decision: string; readonly notifiedOn: CalendarDate }
>;

/** The mandate implements the obligation from `effectiveFrom` on, on the days it is in effect. */
export type ComplianceMeasureLinked = DomainEvent<
  'ComplianceMeasureLinked',
  OnCase & { readonly obligationId: ObligationId; readonly mandateId: MandateId; readonly effectiveFrom: CalendarDate }
>;

/** The document stays outside the record: its SHA-256 (64 lower-case hex digits) lets anyone check a copy. */
export type ComplianceEvidenceAttached = DomainEvent<
  'ComplianceEvidenceAttached',
  OnCase & { readonly sha256: string; readonly title: string; readonly documentDate: CalendarDate; readonly obligationId?: ObligationId }
>;

export type ComplianceConsultationHeld = DomainEvent<
  'ComplianceConsultationHeld',
  OnCase & { readonly heldOn: CalendarDate; readonly parties: readonly string[]; readonly summary: string }
>;

export type ComplianceObligationSatisfied = DomainEvent<
  'ComplianceObligationSatisfied',
  OnCase & { readonly obligationId: ObligationId; readonly satisfiedOn: CalendarDate; readonly reason: string }
>;

export type ComplianceObligationContested = DomainEvent<
  'ComplianceObligationContested',
  OnCase & { readonly obligationId: ObligationId; readonly contestedOn: CalendarDate; readonly contestedBy: string; readonly reason: string }
>;

/**
 * The judge liquidated a penalty (CJA L.911-7): the days of `period`, for `amountCents` (moderated
 * below the amount incurred, with the judge's grounds in `moderation`), of which `stateShareCents`
 * go to the State budget rather than to the applicant (L.911-8). `obligationId` names the penalty:
 * the obligation's own, or the one it shares with its article or decision.
 */
export type CompliancePenaltyLiquidated = DomainEvent<
  'CompliancePenaltyLiquidated',
  OnCase & {
    readonly obligationId: ObligationId;
    readonly decisionReference: string;
    readonly liquidatedOn: CalendarDate;
    readonly period: DateInterval;
    readonly amountCents: number;
    readonly stateShareCents: number;
    readonly moderation?: string;
  }
>;

/** A decision of the case asks for a consultation of the parties or a written review (bilan) by `dueOn`. */
export type ComplianceReviewRequested = DomainEvent<
  'ComplianceReviewRequested',
  OnCase & {
    /** Chosen by the clerk, unique within the case. */
    readonly reviewId: string;
    readonly kind: ReviewKind;
    /** A case number of the decision that asks for it. */
    readonly decision: string;
    readonly dueOn: CalendarDate;
    readonly subject: string;
    readonly obligationIds: readonly ObligationId[];
  }
>;

export type ComplianceCaseClosed = DomainEvent<'ComplianceCaseClosed', OnCase & { readonly closedOn: CalendarDate; readonly reason: string }>;

/**
 * Every event a case's stream may hold. `ComplianceReportIssued` is there only from before reports
 * had streams of their own (each GET of the report issued one): the case ignores it.
 */
export type ComplianceCaseEvent =
  | ComplianceCaseOpened
  | ComplianceAppealDecided
  | ComplianceObligationAdded
  | ComplianceDecisionNotified
  | ComplianceMeasureLinked
  | ComplianceEvidenceAttached
  | ComplianceConsultationHeld
  | ComplianceObligationSatisfied
  | ComplianceObligationContested
  | CompliancePenaltyLiquidated
  | ComplianceReviewRequested
  | ComplianceCaseClosed
  | ComplianceReportIssued;
