export * from './shared/decider';
export * from './shared/domain-error';
export * from './shared/ids';
export * from './shared/dates';
export * from './shared/french-identifiers';

export * from './operators/operator.commands';
export * from './operators/operator.events';
export * from './operators/operator.errors';
export {
  operatorDecider,
  registerOperator,
  updateOperatorDetails,
  deregisterOperator,
} from './operators/operator.decider';
export type { OperatorState } from './operators/operator.decider';

export * from './mandates/mandate.terms';
export * from './mandates/mandate.commands';
export * from './mandates/mandate.events';
export * from './mandates/mandate.errors';
export * from './mandates/mandate.state';
export { validMissions, subsidyOf } from './mandates/mandate.validation';
export * from './mandates/mandate.finance';
export {
  mandateDecider,
  createMandateDecider,
  DEFAULT_MANDATE_DECIDER_CONFIG,
  grantMandate,
  amendMandate,
  renewMandate,
  suspendMandate,
  reinstateMandate,
  terminateMandate,
  reportMandateActivity,
  completeMandateMission,
  recordMandatePayment,
  withholdMandatePayment,
  orderMandateRecovery,
  receiveMandateFinancialReport,
  recordMandatePublication,
} from './mandates/mandate.decider';
export type { MandateDeciderConfig } from './mandates/mandate.decider';

export * from './shared/date-intervals';
export * from './compliance-cases/compliance-case.terms';
export * from './compliance-cases/compliance-case.commands';
export * from './compliance-cases/compliance-case.events';
export * from './compliance-cases/compliance-case.errors';
export * from './compliance-cases/compliance-case.state';
export {
  complianceCaseDecider,
  openComplianceCase,
  recordComplianceAppeal,
  addComplianceObligation,
  recordComplianceNotification,
  linkComplianceMeasure,
  attachComplianceEvidence,
  recordComplianceConsultation,
  markComplianceObligationSatisfied,
  markComplianceObligationContested,
  liquidateCompliancePenalty,
  requestComplianceReview,
  closeComplianceCase,
} from './compliance-cases/compliance-case.decider';
export * from './compliance-cases/coverage';

export * from './compliance-reports/compliance-report.events';
export * from './compliance-reports/compliance-report.commands';
export { complianceReportDecider, issueComplianceReport, reportAlreadyIssued } from './compliance-reports/compliance-report.decider';
export type { ComplianceReportState } from './compliance-reports/compliance-report.decider';

export * from './shared/upcasting';
export * from './event-upcasters';
