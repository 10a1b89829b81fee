import { isBefore } from '../shared/dates';
import { Decider } from '../shared/decider';
import { dateInFuture, DomainError, invalidField, invalidPeriod } from '../shared/domain-error';
import { requireDate, requireNotInFuture, requireOneOf, requireText } from '../shared/validation';
import { complianceCaseNotFound } from '../compliance-cases/compliance-case.errors';
import { REPORT_FORMATS } from '../compliance-cases/compliance-case.terms';
import { requireInstant, requireSha256 } from '../compliance-cases/compliance-case.validation';
import { ComplianceReportCommand, IssueComplianceReport } from './compliance-report.commands';
import { ComplianceReportEvent, ComplianceReportIssued, CSV_DIALECTS, Signatory } from './compliance-report.events';

/** A report stream holds one issuance: its state is that report once issued. */
export type ComplianceReportState = { readonly status: 'not_issued' } | ({ readonly status: 'issued' } & ComplianceReportIssued['data']);

export const reportAlreadyIssued = (reportId: string) =>
  new DomainError('REPORT_ALREADY_ISSUED', `Report ${reportId} is already issued: an issued report never changes`, 'conflict');

const validSignatory = (signatory: Signatory | undefined): Signatory | null => {
  if (signatory === undefined) return null;
  if (signatory === null || typeof signatory !== 'object') throw invalidField('signatory', 'an object');
  return {
    place: requireText(signatory.place, 'signatory.place'),
    name: requireText(signatory.name, 'signatory.name'),
    quality: requireText(signatory.quality, 'signatory.quality'),
  };
};

/** Also once the case is closed: a court may ask for a report on the whole of it. */
export const issueComplianceReport = ({ data, metadata, complianceCase }: IssueComplianceReport, state: ComplianceReportState): ComplianceReportIssued[] => {
  const reportId = requireText(data.reportId, 'reportId');
  if (state.status === 'issued') throw reportAlreadyIssued(reportId);
  if (complianceCase.status === 'not_opened') throw complianceCaseNotFound(data.complianceCaseId);
  const reportSha256 = requireSha256(data.reportSha256, 'reportSha256');
  if (!Number.isSafeInteger(data.byteLength) || data.byteLength <= 0) throw invalidField('byteLength', 'a positive whole number');
  if (data.period === null || typeof data.period !== 'object') throw invalidField('period', 'an object');
  const from = requireDate(data.period.from, 'period.from');
  const to = requireDate(data.period.to, 'period.to');
  if (isBefore(to, from)) throw invalidPeriod('period', from, to);
  requireNotInFuture(to, 'period.to', metadata);
  const asKnownAt = requireInstant(data.asKnownAt, 'asKnownAt');
  if (Date.parse(asKnownAt) > Date.parse(metadata.now)) throw dateInFuture('asKnownAt', asKnownAt);
  const format = requireOneOf(data.format, REPORT_FORMATS, 'format');
  if (format !== 'csv' && data.csvDialect !== undefined) throw invalidField('csvDialect', 'left out unless the format is csv');
  const csvDialect = format === 'csv' ? requireOneOf(data.csvDialect ?? 'rfc4180', CSV_DIALECTS, 'csvDialect') : null;
  return [{
    type: 'ComplianceReportIssued',
    schemaVersion: 2,
    data: {
      reportId,
      complianceCaseId: data.complianceCaseId,
      reportSha256,
      byteLength: data.byteLength,
      period: { from, to },
      asKnownAt,
      format,
      csvDialect,
      signatory: validSignatory(data.signatory),
      issuedAt: metadata.now,
      issuedBy: metadata.actor.sub,
    },
  }];
};

const decide = (command: ComplianceReportCommand, state: ComplianceReportState): ComplianceReportEvent[] => {
  switch (command.type) {
    case 'IssueComplianceReport':
      return issueComplianceReport(command, state);
  }
};

const evolve = (_state: ComplianceReportState, event: ComplianceReportEvent): ComplianceReportState => {
  switch (event.type) {
    case 'ComplianceReportIssued':
      return { status: 'issued', ...event.data };
    default: {
      const unknown: never = event.type;
      return unknown;
    }
  }
};

export const complianceReportDecider: Decider<ComplianceReportCommand, ComplianceReportEvent, ComplianceReportState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'not_issued' }),
};
