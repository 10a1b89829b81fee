import type { CloseComplianceCase } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { CloseComplianceCaseRequest } from './close-compliance-case.request';

const closure = (extra: Record<string, unknown> = {}) => ({ closedOn: '2018-01-10', reason: 'injunctions executed', ...extra });

describe('CloseComplianceCaseRequest', () => {
  it('accepts a closure', async () => {
    expect(await validateBody(CloseComplianceCaseRequest, closure())).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<CloseComplianceCase['data'], 'complianceCaseId'> = await validInstance(CloseComplianceCaseRequest, closure());
    expect(plainData(data)).toStrictEqual(closure());
  });

  it.each<[string, unknown, string[]]>([
    ['a closing date that does not exist', closure({ closedOn: '2018-02-30' }), ['closedOn']],
    ['a reason of more than 4000 characters', closure({ reason: 'x'.repeat(4001) }), ['reason']],
    ['an unknown field', closure({ by: 'greffe' }), ['by']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(CloseComplianceCaseRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(CloseComplianceCaseRequest, {})).toEqual(['closedOn', 'reason']);
  });
});
