import type { EvidenceBundle } from '../../../libs/audit/src/evidence-bundle';
import { COMPLIANCE_REPORT_FORMAT } from '@mandate-ledger/reports';
import { differencesBetween, verifyComplianceReport } from './verify-report';

describe('differences between a report and its recomputation', () => {
  it('names nothing when they agree', () => {
    expect(differencesBetween({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });

  it('names every differing figure by its path, obligations and mandates by their ids', () => {
    const recomputed = { obligations: [{ obligationId: 'art-2', daysLate: 19, gaps: [] }], totals: { penaltyExposureCents: 190_000 } };
    const claimed = { obligations: [{ obligationId: 'art-2', daysLate: 9, gaps: [] }], totals: { penaltyExposureCents: 190_000 }, extra: true };
    expect(differencesBetween(claimed, recomputed)).toEqual([
      'report.obligations[art-2].daysLate: the report says 9, the events give 19',
      'report.extra: the report says true, the events give nothing',
    ]);
  });

  it('names a list whose members differ as a whole', () => {
    expect(differencesBetween({ mandates: [{ mandateId: 'm1' }] }, { mandates: [{ mandateId: 'm1' }, { mandateId: 'm2' }] })).toEqual([
      'report.mandates: the report lists ["m1"], the events give ["m1","m2"]',
    ]);
  });
});

describe('recomputing a compliance report', () => {
  it('refuses a report of an earlier version, computed by earlier counting rules, saying which', () => {
    const bundle = {
      subject: { kind: 'compliance_case', id: 'c1', completeStreams: [] },
      events: [],
      attachments: { complianceReport: { format: COMPLIANCE_REPORT_FORMAT, version: 1 } },
    } as unknown as EvidenceBundle;
    expect(verifyComplianceReport(bundle)).toEqual({
      ok: false,
      kind: 'MALFORMED_REPORT',
      differences: ['the report is a mandate-ledger/compliance-report version 1; this verifier recomputes version 3 only'],
    });
  });

  it('names a differing penalty by its id', () => {
    expect(differencesBetween({ penalties: [{ penaltyId: 'article:1705379:art. 3', penaltyDays: 36 }] }, { penalties: [{ penaltyId: 'article:1705379:art. 3', penaltyDays: 37 }] }))
      .toEqual(['report.penalties[article:1705379:art. 3].penaltyDays: the report says 36, the events give 37']);
  });
});
