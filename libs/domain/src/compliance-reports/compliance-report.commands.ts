import { DateInterval } from '../shared/date-intervals';
import { DomainCommand } from '../shared/decider';
import { ComplianceCaseId } from '../shared/ids';
import { ComplianceCaseState } from '../compliance-cases/compliance-case.state';
import { ReportFormat } from '../compliance-cases/compliance-case.terms';
import { CsvDialect, ReportId, Signatory } from './compliance-report.events';

/** What the handler read of the case before issuing: the decider reads nothing. */
export interface CaseSnapshot {
  readonly status: ComplianceCaseState['status'];
}

/** `issuedAt` and `issuedBy` come from the metadata; a CSV's dialect is RFC 4180 when left out. */
export type IssueComplianceReport = DomainCommand<
  'IssueComplianceReport',
  {
    readonly reportId: ReportId;
    readonly complianceCaseId: ComplianceCaseId;
    readonly reportSha256: string;
    readonly byteLength: number;
    readonly period: DateInterval;
    readonly asKnownAt: string;
    readonly format: ReportFormat;
    readonly csvDialect?: CsvDialect;
    readonly signatory?: Signatory;
  }
> & { readonly complianceCase: CaseSnapshot };

export type ComplianceReportCommand = IssueComplianceReport;
