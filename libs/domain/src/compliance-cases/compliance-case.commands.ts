import { CalendarDate } from '../shared/dates';
import { DomainCommand } from '../shared/decider';
import { ComplianceCaseId, MandateId, ObligationId } from '../shared/ids';
import { MandateState } from '../mandates/mandate.state';
import { CompliancePenaltyLiquidated, ComplianceReviewRequested, ObligationTerms } from './compliance-case.events';
import { AppealOutcome, CaseParties, CourtDecision, PenaltyScope, Procedure } from './compliance-case.terms';

type OnCase<Data> = { readonly complianceCaseId: ComplianceCaseId } & Data;

/** What the handler read from the mandate's stream before linking it: the decider reads nothing. */
export interface MandateSnapshot {
  readonly status: MandateState['status'];
}

/** Left out, `parties` (or either of its lists) names none. */
export type OpenComplianceCase = DomainCommand<
  'OpenComplianceCase',
  OnCase<CourtDecision & { readonly procedure: Procedure; readonly parties?: Partial<CaseParties> }>
>;

export type RecordComplianceAppeal = DomainCommand<
  'RecordComplianceAppeal',
  OnCase<CourtDecision & { readonly outcome: AppealOutcome; readonly supersedes?: readonly ObligationId[] }>
>;

/** Left out, `oneOff` is false (continuing), `penaltyScope` is `obligation`, `supersedes` none. */
export type AddComplianceObligation = DomainCommand<
  'AddComplianceObligation',
  OnCase<
    Omit<ObligationTerms, 'supersedes' | 'oneOff' | 'penaltyScope'> & {
      readonly supersedes?: readonly ObligationId[];
      readonly oneOff?: boolean;
      readonly penaltyScope?: PenaltyScope;
    }
  >
>;

export type RecordComplianceNotification = DomainCommand<
  'RecordComplianceNotification',
  OnCase<{ readonly decision: string; readonly notifiedOn: CalendarDate }>
>;

export type LinkComplianceMeasure = DomainCommand<
  'LinkComplianceMeasure',
  OnCase<{ readonly obligationId: ObligationId; readonly mandateId: MandateId; readonly effectiveFrom: CalendarDate }>
> & { readonly mandate: MandateSnapshot };

export type AttachComplianceEvidence = DomainCommand<
  'AttachComplianceEvidence',
  OnCase<{ readonly sha256: string; readonly title: string; readonly documentDate: CalendarDate; readonly obligationId?: ObligationId }>
>;

export type RecordComplianceConsultation = DomainCommand<
  'RecordComplianceConsultation',
  OnCase<{ readonly heldOn: CalendarDate; readonly parties: readonly string[]; readonly summary: string }>
>;

export type MarkComplianceObligationSatisfied = DomainCommand<
  'MarkComplianceObligationSatisfied',
  OnCase<{ readonly obligationId: ObligationId; readonly satisfiedOn: CalendarDate; readonly reason: string }>
>;

export type MarkComplianceObligationContested = DomainCommand<
  'MarkComplianceObligationContested',
  OnCase<{ readonly obligationId: ObligationId; readonly contestedOn: CalendarDate; readonly contestedBy: string; readonly reason: string }>
>;

type WithoutCase<Event extends { readonly data: { readonly complianceCaseId: string } }> = Omit<Event['data'], 'complianceCaseId'>;

export type LiquidateCompliancePenalty = DomainCommand<'LiquidateCompliancePenalty', OnCase<WithoutCase<CompliancePenaltyLiquidated>>>;

/** Left out, `obligationIds` is none: the review is about the whole case. */
export type RequestComplianceReview = DomainCommand<
  'RequestComplianceReview',
  OnCase<Omit<WithoutCase<ComplianceReviewRequested>, 'obligationIds'> & { readonly obligationIds?: readonly ObligationId[] }>
>;

export type CloseComplianceCase = DomainCommand<'CloseComplianceCase', OnCase<{ readonly closedOn: CalendarDate; readonly reason: string }>>;

export type ComplianceCaseCommand =
  | OpenComplianceCase
  | RecordComplianceAppeal
  | AddComplianceObligation
  | RecordComplianceNotification
  | LinkComplianceMeasure
  | AttachComplianceEvidence
  | RecordComplianceConsultation
  | MarkComplianceObligationSatisfied
  | MarkComplianceObligationContested
  | LiquidateCompliancePenalty
  | RequestComplianceReview
  | CloseComplianceCase;
