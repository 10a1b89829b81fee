import { COMPLIANCE_CASE_UPCASTERS } from './compliance-cases/compliance-case.upcasters';
import { ComplianceCaseEvent } from './compliance-cases/compliance-case.events';
import { COMPLIANCE_REPORT_UPCASTERS } from './compliance-reports/compliance-report.upcasters';
import { ComplianceReportEvent } from './compliance-reports/compliance-report.events';
import { MANDATE_UPCASTERS } from './mandates/mandate.upcasters';
import { MandateEvent } from './mandates/mandate.events';
import { OperatorEvent } from './operators/operator.events';
import { EventUpcaster, upcastWith } from './shared/upcasting';

export type DomainEventOfAnyAggregate = OperatorEvent | MandateEvent | ComplianceCaseEvent | ComplianceReportEvent;

/** The schemaVersion each event type is written with today: checked against the event types by the compiler. */
export const LATEST_SCHEMA_VERSIONS: { readonly [Event in DomainEventOfAnyAggregate as Event['type']]: Event['schemaVersion'] } = {
  OperatorRegistered: 1,
  OperatorDetailsUpdated: 1,
  OperatorDeregistered: 1,
  MandateGranted: 3,
  MandateAmended: 2,
  MandateRenewed: 1,
  MandateSuspended: 1,
  MandateReinstated: 1,
  MandateTerminated: 1,
  MandateActivityReported: 1,
  MandateMissionCompleted: 1,
  MandatePaymentMade: 1,
  MandatePaymentWithheld: 1,
  MandateRecoveryOrdered: 1,
  MandateFinancialReportReceived: 1,
  MandateOpenDataPublished: 1,
  ComplianceCaseOpened: 2,
  ComplianceAppealDecided: 1,
  ComplianceObligationAdded: 2,
  ComplianceDecisionNotified: 1,
  ComplianceMeasureLinked: 1,
  ComplianceEvidenceAttached: 1,
  ComplianceConsultationHeld: 1,
  ComplianceObligationSatisfied: 1,
  ComplianceObligationContested: 1,
  CompliancePenaltyLiquidated: 1,
  ComplianceReviewRequested: 1,
  ComplianceCaseClosed: 1,
  ComplianceReportIssued: 2,
};

/**
 * Every step that lifts an older shape of a recorded event to the next one. Whatever opens an
 * event store for the application registers them, so that every read path sees the latest shapes;
 * whatever reads the stored form (the audit, evidence bundles) lifts with {@link upcastDomainEvent}.
 */
export const DOMAIN_UPCASTERS: readonly EventUpcaster[] = [...MANDATE_UPCASTERS, ...COMPLIANCE_CASE_UPCASTERS, ...COMPLIANCE_REPORT_UPCASTERS];

/** The event in its latest shape (itself when already there, or of a type the domain does not know). */
export const upcastDomainEvent = upcastWith(DOMAIN_UPCASTERS);
