import { DateInterval } from '../shared/date-intervals';
import { CalendarDate } from '../shared/dates';
import { DomainEvent } from '../shared/decider';
import { ComplianceCaseId, MandateId, ObligationId } from '../shared/ids';
import { MissionType, Territory } from '../mandates/mandate.terms';
import { Addressee, AppealOutcome, CourtDecision, Procedure, ReportFormat } from './compliance-case.terms';

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
  /** Penalty (astreinte) per day of delay, in integer cents; 0 when the court set none. */
  readonly penaltyPerDayCents: number;
  /** Obligations of earlier or the same decisions that this one replaces. */
  readonly supersedes: readonly ObligationId[];
}

export type ComplianceCaseOpened = DomainEvent<'ComplianceCaseOpened', OnCase & CourtDecision & { readonly procedure: Procedure }>;

/** `supersedes` names the obligations the appellate decision annuls or replaces (none when upheld). */
export type ComplianceAppealDecided = DomainEvent<
  'ComplianceAppealDecided',
  OnCase & CourtDecision & { readonly outcome: AppealOutcome; readonly supersedes: readonly ObligationId[] }
>;

export type ComplianceObligationAdded = DomainEvent<'ComplianceObligationAdded', OnCase & ObligationTerms>;

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

export type ComplianceCaseClosed = DomainEvent<'ComplianceCaseClosed', OnCase & { readonly closedOn: CalendarDate; readonly reason: string }>;

/**
 * A report was issued: its SHA-256, the effective dates it covers, the instant the record was read
 * as of (`asKnownAt`), its format, when and by whom (`issuedAt` is the command's `now`).
 */
export type ComplianceReportIssued = DomainEvent<
  'ComplianceReportIssued',
  OnCase & {
    readonly reportSha256: string;
    readonly period: DateInterval;
    readonly asKnownAt: string;
    readonly format: ReportFormat;
    readonly issuedAt: string;
    readonly issuedBy: string;
  }
>;

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
  | ComplianceCaseClosed
  | ComplianceReportIssued;
