import { upcastDomainEvent } from '../event-upcasters';
import { complianceReportStreamName } from '../shared/ids';
import { metadata, sha256Of } from '../testing/compliance-case.fixtures';
import { deciderSpecification } from '../testing/decider-specification';
import { IssueComplianceReport } from './compliance-report.commands';
import { complianceReportDecider } from './compliance-report.decider';
import { ComplianceReportIssued } from './compliance-report.events';

const given = deciderSpecification(complianceReportDecider);
type Changes<T> = Partial<Record<keyof T, unknown>>;

const terms = {
  reportId: '0190f1c2-0000-7000-8000-00000000000a',
  complianceCaseId: 'case-calais-2017',
  reportSha256: sha256Of('b'),
  byteLength: 17_408,
  period: { from: '2017-06-26', to: '2017-12-31' },
  asKnownAt: '2018-01-15T09:00:00Z',
  format: 'pdf',
} as const;
const signatory = { place: 'Arras', name: 'Claire Martin', quality: 'directrice de cabinet du préfet du Pas-de-Calais' };

const issue = (changes: Changes<IssueComplianceReport['data']> = {}, complianceCase: IssueComplianceReport['complianceCase'] = { status: 'open' }): IssueComplianceReport => ({
  type: 'IssueComplianceReport',
  data: { ...terms, ...changes } as IssueComplianceReport['data'],
  complianceCase,
  metadata,
});
const issued = (changes: Partial<ComplianceReportIssued['data']> = {}): ComplianceReportIssued => ({
  type: 'ComplianceReportIssued',
  schemaVersion: 2,
  data: { ...terms, csvDialect: null, signatory: null, issuedAt: metadata.now, issuedBy: metadata.actor.sub, ...changes },
});

describe('compliance report decider', () => {
  it('names the stream compliance_report-<id>, apart from the case', () => expect(complianceReportStreamName('r1')).toBe('compliance_report-r1'));

  it('records the hash and length of the bytes, period, instant known as of, format, and who issued it when', () =>
    given([]).when(issue()).then([issued()]));

  it('records the signatory the report names', () => given([]).when(issue({ signatory })).then([issued({ signatory })]));

  it('records a CSV as RFC 4180 unless the French spreadsheet dialect is asked for', () => {
    given([]).when(issue({ format: 'csv' })).then([issued({ format: 'csv', csvDialect: 'rfc4180' })]);
    given([]).when(issue({ format: 'csv', csvDialect: 'excel-fr' })).then([issued({ format: 'csv', csvDialect: 'excel-fr' })]);
  });

  it('issues a report on a closed case', () => given([]).when(issue({}, { status: 'closed' })).then([issued()]));

  it('never issues the same report twice', () => given([issued()]).when(issue()).thenThrows('REPORT_ALREADY_ISSUED'));

  it('cannot report on a case never opened', () => given([]).when(issue({}, { status: 'not_opened' })).thenThrows('COMPLIANCE_CASE_NOT_FOUND'));

  it('refuses a report hash that is not a SHA-256', () => given([]).when(issue({ reportSha256: 'abc' })).thenThrows('INVALID_SHA256'));

  it('refuses an empty report', () => given([]).when(issue({ byteLength: 0 })).thenThrows('INVALID_FIELD'));

  it('refuses a period that ends before it starts', () =>
    given([]).when(issue({ period: { from: '2017-12-31', to: '2017-06-26' } })).thenThrows('INVALID_PERIOD'));

  it('refuses a period reaching into the future', () =>
    given([]).when(issue({ period: { from: '2017-06-26', to: '2018-06-30' } })).thenThrows('DATE_IN_FUTURE'));

  it.each(['2018-01-15', 'now'])('refuses %p as the instant known as of', (asKnownAt) => given([]).when(issue({ asKnownAt })).thenThrows('INVALID_INSTANT'));

  it('cannot read the record as of an instant after the command', () =>
    given([]).when(issue({ asKnownAt: '2018-01-15T10:00:01Z' })).thenThrows('DATE_IN_FUTURE'));

  it('refuses a format other than json, csv and pdf, and a CSV dialect for another format', () => {
    given([]).when(issue({ format: 'docx' })).thenThrows('INVALID_FIELD');
    given([]).when(issue({ format: 'csv', csvDialect: 'tsv' })).thenThrows('INVALID_FIELD');
    given([]).when(issue({ csvDialect: 'excel-fr' })).thenThrows('INVALID_FIELD');
  });

  it('refuses a signatory without a name, a quality or a place', () =>
    given([]).when(issue({ signatory: { ...signatory, quality: '' } })).thenThrows('INVALID_FIELD'));

  it('lifts a version 1 issuance (a GET on the case stream) with no id, length nor signatory', () =>
    expect(
      upcastDomainEvent({
        type: 'ComplianceReportIssued',
        schemaVersion: 1,
        data: { complianceCaseId: 'c', reportSha256: sha256Of('c'), period: terms.period, asKnownAt: terms.asKnownAt, format: 'csv', issuedAt: metadata.now, issuedBy: 'auditor-1' },
      }),
    ).toEqual({
      type: 'ComplianceReportIssued',
      schemaVersion: 2,
      data: {
        reportId: null, complianceCaseId: 'c', reportSha256: sha256Of('c'), byteLength: null, period: terms.period, asKnownAt: terms.asKnownAt,
        format: 'csv', csvDialect: 'rfc4180', signatory: null, issuedAt: metadata.now, issuedBy: 'auditor-1',
      },
    }));
});
