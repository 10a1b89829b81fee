import { randomUUID } from 'node:crypto';
import { type ApplicationCommand, assertMayReadReport, assertMayRequestReports, type CommandResult, type Principal } from '@mandate-ledger/application';
import {
  complianceCaseDecider,
  complianceCaseStreamName,
  type ComplianceReportIssued,
  complianceReportDecider,
  complianceReportStreamName,
  type CsvDialect,
  DomainError,
  type ReportFormat,
  type Signatory,
} from '@mandate-ledger/domain';
import { type EventStore, foldStream } from '@mandate-ledger/event-store';
import type { RenderedReport } from './compliance-report.render';
import { type ArchivedReport, type ReportArchive, sha256Of } from './report-archive';
import type { ReportRenderer } from './report-job';

/** What to issue: the case, the period (defaults as for a preview), the instant read as of, how to render it, who signs it. */
export interface IssueRequest {
  readonly complianceCaseId: string;
  readonly from?: string;
  readonly to?: string;
  readonly asKnownAt: string;
  readonly format: ReportFormat;
  readonly csvDialect?: CsvDialect;
  readonly signatory?: Signatory;
}

/** The ways of the caller: where reports are rendered and kept, and how a command is run (the API's bus, the CLI's runner). */
export interface IssueDependencies {
  readonly renderer: ReportRenderer;
  readonly archive: ReportArchive;
  readonly run: (command: ApplicationCommand) => Promise<CommandResult>;
}

export interface IssuedReportOutcome {
  readonly reportId: string;
  readonly report: RenderedReport;
  readonly result: CommandResult;
}

/**
 * Issues a report, for the API and the CLI alike: renders it as issued (its id, the issuer and the
 * instant in the document, no PROJET mark), keeps its bytes in the archive, then records
 * `ComplianceReportIssued` with their SHA-256 on the report's own stream through the command path.
 * The bytes are kept first: an issuance is never recorded without its file (a file kept without
 * an issuance, if the command is refused, is served to nobody).
 */
export const issueComplianceReport = async (
  { renderer, archive, run }: IssueDependencies,
  request: IssueRequest,
  { actor, now, reportId = randomUUID() }: { readonly actor: Principal; readonly now: string; readonly reportId?: string },
): Promise<IssuedReportOutcome> => {
  assertMayRequestReports(actor);
  const { complianceCaseId, from, to, asKnownAt, format, csvDialect, signatory } = request;
  const report = await renderer.render({
    request: { complianceCaseId, from, to, asKnownAt },
    now,
    principal: actor,
    render: { format, csvDialect, document: { issue: { reportId, issuedAt: now, issuedBy: actor.sub }, signatory }, indent: format === 'json' ? 2 : undefined },
  });
  await archive.keep({ sha256: report.sha256, bytes: report.bytes, contentType: report.contentType, fileName: report.fileName });
  const result = await run({
    type: 'IssueComplianceReport',
    data: {
      reportId,
      complianceCaseId,
      reportSha256: report.sha256,
      byteLength: report.bytes.length,
      period: report.period,
      asKnownAt: report.asKnownAt,
      format,
      ...(format === 'csv' && { csvDialect: report.csvDialect! }),
      ...(signatory && { signatory }),
    },
  });
  return { reportId, report, result };
};

export const issuedReportNotFound = (reportId: string) => new DomainError('COMPLIANCE_REPORT_NOT_FOUND', `No report ${reportId} was issued on this compliance case`, 'not_found');

/** The archive lost or changed an issued report's bytes: nothing the caller can fix. */
export class ReportArchiveError extends Error {
  constructor(
    readonly code: 'REPORT_FILE_MISSING' | 'REPORT_FILE_ALTERED',
    message: string,
  ) {
    super(message);
    this.name = 'ReportArchiveError';
  }
}

/** An issued report's file and its issuance as recorded. */
export type IssuedReportFile = ArchivedReport & { readonly issued: ComplianceReportIssued['data'] };

/**
 * The bytes of an issued report, checked against the SHA-256 its issuance recorded. Refuses
 * operators first, a report unknown or of another case (404), then an officer outside the case's
 * départements, as a preview would.
 */
export const fetchIssuedReport = async (
  store: EventStore,
  archive: ReportArchive,
  { complianceCaseId, reportId, principal }: { readonly complianceCaseId: string; readonly reportId: string; readonly principal: Principal },
): Promise<IssuedReportFile> => {
  assertMayRequestReports(principal);
  const issued = foldStream(complianceReportDecider, await store.readStream(complianceReportStreamName(reportId)));
  if (issued.status !== 'issued' || issued.complianceCaseId !== complianceCaseId) throw issuedReportNotFound(reportId);
  const complianceCase = foldStream(complianceCaseDecider, await store.readStream(complianceCaseStreamName(complianceCaseId)));
  if (complianceCase.status !== 'not_opened') assertMayReadReport(principal, complianceCase);
  const file = await archive.find(issued.reportSha256);
  if (file === undefined) throw new ReportArchiveError('REPORT_FILE_MISSING', `The file of report ${reportId} (sha256 ${issued.reportSha256}) is not in the archive`);
  if (sha256Of(file.bytes) !== issued.reportSha256) throw new ReportArchiveError('REPORT_FILE_ALTERED', `The archived file of report ${reportId} no longer hashes to ${issued.reportSha256}`);
  const { status: _, ...recorded } = issued;
  return { ...file, issued: recorded };
};
