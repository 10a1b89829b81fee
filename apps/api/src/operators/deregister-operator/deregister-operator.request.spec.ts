import type { DeregisterOperator } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { DeregisterOperatorRequest } from './deregister-operator.request';

const deregistration = (extra: Record<string, unknown> = {}) => ({ effectiveFrom: '2018-06-30', reason: 'association dissolved', ...extra });

describe('DeregisterOperatorRequest', () => {
  it('accepts a deregistration', async () => {
    expect(await validateBody(DeregisterOperatorRequest, deregistration())).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<DeregisterOperator['data'], 'operatorId'> = await validInstance(DeregisterOperatorRequest, deregistration());
    expect(plainData(data)).toStrictEqual(deregistration());
  });

  it.each<[string, unknown, string[]]>([
    ['an effective date that does not exist', deregistration({ effectiveFrom: '2018-02-29' }), ['effectiveFrom']],
    ['a reason of more than 4000 characters', deregistration({ reason: 'x'.repeat(4001) }), ['reason']],
    ['an unknown field', deregistration({ operatorId: '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f' }), ['operatorId']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(DeregisterOperatorRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(DeregisterOperatorRequest, { effectiveFrom: 'soon' })).toEqual(['effectiveFrom', 'reason']);
  });
});
