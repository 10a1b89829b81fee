import type { ReportMandateActivity } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { ReportMandateActivityRequest } from './report-mandate-activity.request';

const report = (extra: Record<string, unknown> = {}) => ({
  periodStart: '2017-08-01',
  periodEnd: '2017-08-31',
  indicators: [{ name: 'minors_found', value: 143 }],
  staff: { salariedFte: 6, volunteers: 12 },
  ...extra,
});

describe('ReportMandateActivityRequest', () => {
  it('accepts a monthly report', async () => {
    expect(await validateBody(ReportMandateActivityRequest, report())).toEqual([]);
  });

  it('accepts fractional indicator values and no volunteers', async () => {
    const body = report({ indicators: [{ name: 'litres_per_person_per_day', value: 7.5 }], staff: { salariedFte: 5.75 } });
    expect(await validateBody(ReportMandateActivityRequest, body)).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<ReportMandateActivity['data'], 'mandateId'> = await validInstance(ReportMandateActivityRequest, report());
    expect(plainData(data)).toStrictEqual(report());
  });

  it.each<[string, unknown, string[]]>([
    ['a period end that does not exist', report({ periodEnd: '2017-09-31' }), ['periodEnd']],
    ['a negative indicator value', report({ indicators: [{ name: 'minors_found', value: -1 }] }), ['indicators.0.value']],
    ['an indicator value as text', report({ indicators: [{ name: 'minors_found', value: '143' }] }), ['indicators.0.value']],
    ['an indicator without a name', report({ indicators: [{ value: 143 }] }), ['indicators.0.name']],
    ['an unknown field in an indicator', report({ indicators: [{ name: 'minors_found', value: 1, unit: 'persons' }] }), ['indicators.0.unit']],
    ['more than 100 indicators', report({ indicators: Array.from({ length: 101 }, (_, i) => ({ name: `i${i}`, value: 1 })) }), ['indicators']],
    ['missing staff', { periodStart: '2017-08-01', periodEnd: '2017-08-31', indicators: [] }, ['staff']],
    ['fractional volunteers', report({ staff: { salariedFte: 6, volunteers: 2.5 } }), ['staff.volunteers']],
    ['negative FTE', report({ staff: { salariedFte: -6 } }), ['staff.salariedFte']],
    ['FTE beyond bounds', report({ staff: { salariedFte: 100001 } }), ['staff.salariedFte']],
    ['an unknown field in the staff', report({ staff: { salariedFte: 6, fundedStaffFte: 6 } }), ['staff.fundedStaffFte']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(ReportMandateActivityRequest, body)).toEqual(fields);
  });

  it('refuses indicators that are not a list', async () => {
    // The object is also validated as one indicator, so its members are reported too.
    expect(await failingFields(ReportMandateActivityRequest, report({ indicators: { minors_found: 143 } }))).toContain('indicators');
  });

  it('reports every failing field at once', async () => {
    const body = report({ periodStart: 'August', indicators: [{ name: '', value: Number.NaN }], staff: { salariedFte: 1.005, volunteers: -1 }, mandateId: 'x' });
    expect(await failingFields(ReportMandateActivityRequest, body)).toEqual([
      'indicators.0.name',
      'indicators.0.value',
      'mandateId',
      'periodStart',
      'staff.salariedFte',
      'staff.volunteers',
    ]);
  });
});
