import { upcasterOf } from '../shared/upcasting';
import { ComplianceReportIssued } from './compliance-report.events';

type IssuedV1 = Omit<ComplianceReportIssued['data'], 'reportId' | 'byteLength' | 'csvDialect' | 'signatory'>;

export const COMPLIANCE_REPORT_UPCASTERS = [
  upcasterOf('ComplianceReportIssued', 1, (data: IssuedV1): ComplianceReportIssued['data'] => ({
    ...data,
    reportId: null,
    byteLength: null,
    csvDialect: data.format === 'csv' ? 'rfc4180' : null,
    signatory: null,
  })),
] as const;
