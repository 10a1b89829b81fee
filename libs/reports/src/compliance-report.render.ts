import { createHash } from 'node:crypto';
import type { CsvDialect, DateInterval, ReportFormat } from '@mandate-ledger/domain';
import type { ComplianceReportBundle } from './compliance-report.builder';
import { renderComplianceReportCsv } from './compliance-report.csv';
import { renderComplianceReportPdf } from './compliance-report.pdf';
import { type DocumentOptions, reportDocumentOf, reportFileName } from './report-document';

/** The exact bytes of a report, what to call them, and their SHA-256 (what `ComplianceReportIssued` records). */
export interface RenderedReport {
  readonly format: ReportFormat;
  /** The CSV's dialect; null for JSON and PDF. */
  readonly csvDialect: CsvDialect | null;
  /** `draft` for a preview (PROJET), `issued` for a report rendered to be issued. */
  readonly status: 'draft' | 'issued';
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly fileName: string;
  /** Hex, of `bytes`. */
  readonly sha256: string;
  /** The period covered, defaults resolved, and the instant the record was read as of. */
  readonly period: DateInterval;
  readonly asKnownAt: string;
}

/** How to render: the format, the CSV's dialect (RFC 4180 unless asked), preview or issue and the signatory, JSON's indent. */
export interface RenderOptions {
  readonly format: ReportFormat;
  readonly csvDialect?: CsvDialect;
  readonly document?: DocumentOptions;
  readonly indent?: number;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  pdf: 'application/pdf',
};

/**
 * JSON: the evidence bundle itself, the document (addressee, law, signatory, PROJET or issue) in
 * `attachments.document`; CSV: the figures and the document as rows; PDF: the clerk's document.
 */
export const renderComplianceReport = async (bundle: ComplianceReportBundle, { format, csvDialect = 'rfc4180', document: options, indent }: RenderOptions): Promise<RenderedReport> => {
  const report = bundle.attachments.complianceReport;
  const document = reportDocumentOf(report, options);
  const bytes =
    format === 'json'
      ? Buffer.from(`${JSON.stringify({ ...bundle, attachments: { ...bundle.attachments, document } }, null, indent)}\n`, 'utf8')
      : format === 'csv'
        ? Buffer.from(renderComplianceReportCsv(report, document, csvDialect), 'utf8')
        : await renderComplianceReportPdf(bundle, document);
  return {
    format,
    csvDialect: format === 'csv' ? csvDialect : null,
    status: document.status,
    bytes,
    contentType: CONTENT_TYPES[format],
    fileName: reportFileName(report, document, format),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    period: report.period,
    asKnownAt: report.asKnownAt,
  };
};
