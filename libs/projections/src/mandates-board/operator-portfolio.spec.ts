import { fold, type GrantedMandate, mandateDecider, type MandateEvent } from '@mandate-ledger/domain';
import { completed, granted, renewed, suspended, terminated } from '../../../domain/src/testing/mandate.fixtures';
import { fundingByYear, operatorPortfolioOf } from './operator-portfolio';

const mandate = (...events: object[]) => fold(mandateDecider, events as MandateEvent[]) as GrantedMandate;

describe('an operator portfolio', () => {
  it('spreads a financing over calendar years by day, in whole cents that add up', () => {
    // 1 Sept 2017 – 31 Aug 2018: 122 days in 2017, 243 in 2018.
    expect(fundingByYear('2017-09-01', '2018-08-31', 3_650_000, '2018-08-31')).toEqual(new Map([[2017, 1_220_000], [2018, 2_430_000]]));
    const odd = fundingByYear('2017-10-01', '2018-03-31', 1_000_001, '2018-03-31');
    expect([...odd.values()].reduce((a, b) => a + b, 0)).toBe(1_000_001);
  });

  it('does not fund the days after a termination', () =>
    // Terminated from 1 Jan 2018: only the 2017 days of a two-year financing.
    expect(fundingByYear('2017-01-01', '2018-12-31', 7_300_000, '2017-12-31')).toEqual(new Map([[2017, 3_650_000]])));

  it('counts mandates in effect on the date, by mission type, with the salaried FTE they commit', () => {
    const active = mandate(granted());
    const suspendedOne = mandate(granted({ mandateId: 'm2' }), suspended({ mandateId: 'm2' }));
    const water = mandate(granted({ mandateId: 'm3', missions: [{ type: 'WATER_ACCESS', indicators: [] }, { type: 'MARAUDE_MINORS', indicators: [] }], staffing: { salariedFte: 2.5, volunteers: 40 } }));
    const portfolio = operatorPortfolioOf(
      [
        { id: 'm1', mandate: active },
        { id: 'm2', mandate: suspendedOne },
        { id: 'm3', mandate: water },
      ],
      '2017-10-05',
    );
    expect(portfolio).toMatchObject({
      on: '2017-10-05',
      mandates: { total: 3, byStatus: { active: 2, suspended: 1, pending: 0 } },
      inEffect: ['m1', 'm3'],
      // Volunteers never count: 6 + 2.5.
      salariedFteCommitted: 8.5,
      byMissionType: [
        { missionType: 'MARAUDE_MINORS', mandates: 2, mandateIds: ['m1', 'm3'] },
        { missionType: 'WATER_ACCESS', mandates: 1, mandateIds: ['m3'] },
      ],
    });
  });

  it('adds renewals’ own financing and stops at a termination or a completion', () => {
    const renewedOne = mandate(granted(), renewed({ newEnd: '2018-06-30', financing: { amountCents: 1_810_000, nature: 'cash', paymentTerms: 'single', programme: '177' } }));
    const stopped = mandate(granted({ mandateId: 'm2' }), terminated({ mandateId: 'm2', effectiveFrom: '2017-11-15' }));
    const done = mandate(granted({ mandateId: 'm3' }), completed({ mandateId: 'm3', completedOn: '2017-12-31' }));
    const byYear = operatorPortfolioOf([{ id: 'm1', mandate: renewedOne }], '2018-01-15').fundedAmountCentsByYear;
    expect(byYear).toEqual([
      { year: 2017, amountCents: 12_000_000 },
      { year: 2018, amountCents: 1_810_000 },
    ]);
    // 27 July – 14 November of 158 days: 111 days funded.
    const [terminatedYear] = operatorPortfolioOf([{ id: 'm2', mandate: stopped }], '2018-01-15').fundedAmountCentsByYear;
    expect(terminatedYear).toEqual({ year: 2017, amountCents: Math.round((12_000_000 * 111) / 158) });
    expect(operatorPortfolioOf([{ id: 'm3', mandate: done }], '2018-01-15').mandates.byStatus.completed).toBe(1);
  });
});
