import type { MarkComplianceObligationContested } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { MarkComplianceObligationContestedRequest } from './mark-compliance-obligation-contested.request';

const contestation = (extra: Record<string, unknown> = {}) => ({
  contestedOn: '2017-10-10',
  contestedBy: 'Secours catholique',
  reason: 'no maraude during the suspension',
  ...extra,
});

describe('MarkComplianceObligationContestedRequest', () => {
  it('accepts a contestation', async () => {
    expect(await validateBody(MarkComplianceObligationContestedRequest, contestation())).toEqual([]);
  });

  it('maps onto the domain command data, the obligation coming from the path, as plain JSON data', async () => {
    const body = await validInstance(MarkComplianceObligationContestedRequest, contestation());
    const data: Omit<MarkComplianceObligationContested['data'], 'complianceCaseId'> = { ...plainData(body), obligationId: 'maraude-minors' };
    expect(data).toStrictEqual({ ...contestation(), obligationId: 'maraude-minors' });
  });

  it.each<[string, unknown, string[]]>([
    ['a missing contesting party', { contestedOn: '2017-10-10', reason: 'r' }, ['contestedBy']],
    ['a contesting party of more than 200 characters', contestation({ contestedBy: 'x'.repeat(201) }), ['contestedBy']],
    ['a reason that is not text', contestation({ reason: 42 }), ['reason']],
    ['an unknown field', contestation({ evidence: 'x' }), ['evidence']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(MarkComplianceObligationContestedRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(MarkComplianceObligationContestedRequest, {})).toEqual(['contestedBy', 'contestedOn', 'reason']);
  });
});
