import { createHash } from 'node:crypto';
import type { DateInterval, ReportFormat } from '@mandate-ledger/domain';
import type { ComplianceReportBundle } from './compliance-report.builder';
import { renderComplianceReportCsv } from './compliance-report.csv';
import { renderComplianceReportPdf } from './compliance-report.pdf';

/** The exact bytes of a report, what to call them, and their SHA-256 (what `ComplianceReportIssued` records). */
export interface RenderedReport {
  readonly format: ReportFormat;
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly fileName: string;
  /** Hex, of `bytes`. */
  readonly sha256: string;
  /** The period covered, defaults resolved, and the instant the record was read as of. */
  readonly period: DateInterval;
  readonly asKnownAt: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  pdf: 'application/pdf',
};

/** JSON: the evidence bundle itself (`indent` for a file a person opens); CSV: the figures; PDF: the clerk's document. */
export const renderComplianceReport = async (bundle: ComplianceReportBundle, format: ReportFormat, { indent }: { indent?: number } = {}): Promise<RenderedReport> => {
  const bytes =
    format === 'json'
      ? Buffer.from(`${JSON.stringify(bundle, null, indent)}\n`, 'utf8')
      : format === 'csv'
        ? Buffer.from(renderComplianceReportCsv(bundle.attachments.complianceReport), 'utf8')
        : await renderComplianceReportPdf(bundle);
  const report = bundle.attachments.complianceReport;
  return {
    format,
    bytes,
    contentType: CONTENT_TYPES[format],
    fileName: `compliance-report-${report.complianceCaseId}-${report.period.from}-${report.period.to}.${format}`,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    period: report.period,
    asKnownAt: report.asKnownAt,
  };
};
