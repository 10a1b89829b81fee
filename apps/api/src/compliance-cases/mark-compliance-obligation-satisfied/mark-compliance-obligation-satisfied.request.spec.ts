import type { MarkComplianceObligationSatisfied } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { MarkComplianceObligationSatisfiedRequest } from './mark-compliance-obligation-satisfied.request';

const satisfaction = (extra: Record<string, unknown> = {}) => ({ satisfiedOn: '2017-09-01', reason: 'maraude held daily since 27 July', ...extra });

describe('MarkComplianceObligationSatisfiedRequest', () => {
  it('accepts a satisfaction', async () => {
    expect(await validateBody(MarkComplianceObligationSatisfiedRequest, satisfaction())).toEqual([]);
  });

  it('maps onto the domain command data, the obligation coming from the path, as plain JSON data', async () => {
    const body = await validInstance(MarkComplianceObligationSatisfiedRequest, satisfaction());
    const data: Omit<MarkComplianceObligationSatisfied['data'], 'complianceCaseId'> = { ...plainData(body), obligationId: 'maraude-minors' };
    expect(data).toStrictEqual({ ...satisfaction(), obligationId: 'maraude-minors' });
  });

  it.each<[string, unknown, string[]]>([
    ['the obligation in the body', satisfaction({ obligationId: 'maraude-minors' }), ['obligationId']],
    ['a date that does not exist', satisfaction({ satisfiedOn: '2017-09-31' }), ['satisfiedOn']],
    ['an empty reason', satisfaction({ reason: '' }), ['reason']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(MarkComplianceObligationSatisfiedRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(MarkComplianceObligationSatisfiedRequest, {})).toEqual(['reason', 'satisfiedOn']);
  });
});
