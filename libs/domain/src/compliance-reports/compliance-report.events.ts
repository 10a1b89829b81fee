import { DateInterval } from '../shared/date-intervals';
import { DomainEvent } from '../shared/decider';
import { ComplianceCaseId } from '../shared/ids';
import { ReportFormat } from '../compliance-cases/compliance-case.terms';

/** Chosen by the issuer (a UUID): the report's stream is `compliance_report-<id>`. */
export type ReportId = string;

/** CSV as RFC 4180 (`,`, no byte-order mark), or for French spreadsheet software (`;`, decimal comma, UTF-8 BOM). */
export const CSV_DIALECTS = ['rfc4180', 'excel-fr'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

/** Who signs the report, and where: « Fait à Arras, le … », the name and the quality of the signatory. */
export interface Signatory {
  readonly place: string;
  readonly name: string;
  readonly quality: string;
}

/**
 * A report was issued: the SHA-256 and length of its exact bytes, what it covers (`period`,
 * `asKnownAt`), how it was rendered (format, CSV dialect, signatory), when and by whom (`issuedAt`
 * is the command's `now`). Recorded on the report's own stream, so issuing never competes with the
 * case's writers.
 *
 * 2: `reportId`, `byteLength`, `csvDialect`, `signatory`. Version 1 was recorded on the case's
 * stream by every GET of the report; it is lifted with `reportId` and `byteLength` null (no bytes
 * were kept), RFC 4180 for a CSV, and no signatory.
 */
export type ComplianceReportIssued = DomainEvent<
  'ComplianceReportIssued',
  {
    /** Null for a report of version 1, issued on the case's stream before reports had their own. */
    readonly reportId: ReportId | null;
    readonly complianceCaseId: ComplianceCaseId;
    readonly reportSha256: string;
    readonly byteLength: number | null;
    readonly period: DateInterval;
    readonly asKnownAt: string;
    readonly format: ReportFormat;
    /** Null unless `format` is csv. */
    readonly csvDialect: CsvDialect | null;
    readonly signatory: Signatory | null;
    readonly issuedAt: string;
    readonly issuedBy: string;
  },
  2
>;

export type ComplianceReportEvent = ComplianceReportIssued;
