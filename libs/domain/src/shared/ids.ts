export type OperatorId = string;
export type MandateId = string;
export type ComplianceCaseId = string;
/** Chosen by the clerk, unique within its case (`art-2`). */
export type ObligationId = string;

/** Stream names `<category>-<id>`, with no dash in the category (EventStoreDB splits on the first). */
export const operatorStreamName = (id: OperatorId) => `operator-${id}`;
export const mandateStreamName = (id: MandateId) => `mandate-${id}`;
export const complianceCaseStreamName = (id: ComplianceCaseId) => `compliance_case-${id}`;
/** One stream per issued report, apart from its case's: issuing never competes with the case's writers. */
export const complianceReportStreamName = (id: string) => `compliance_report-${id}`;
