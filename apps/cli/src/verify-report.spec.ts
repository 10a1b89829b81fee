import { differencesBetween } from './verify-report';

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
