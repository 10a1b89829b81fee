import type { ReinstateMandate } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { ReinstateMandateRequest } from './reinstate-mandate.request';

const reinstatement = (extra: Record<string, unknown> = {}) => ({ effectiveFrom: '2017-10-09', decisionReference: 'AP-2017-1011', ...extra });

describe('ReinstateMandateRequest', () => {
  it('accepts a reinstatement', async () => {
    expect(await validateBody(ReinstateMandateRequest, reinstatement())).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<ReinstateMandate['data'], 'mandateId'> = await validInstance(ReinstateMandateRequest, reinstatement());
    expect(plainData(data)).toStrictEqual(reinstatement());
  });

  it.each<[string, unknown, string[]]>([
    ['an effective date that is an instant', reinstatement({ effectiveFrom: '2017-10-09T08:00:00Z' }), ['effectiveFrom']],
    ['a decision reference of more than 100 characters', reinstatement({ decisionReference: 'x'.repeat(101) }), ['decisionReference']],
    ['a reason, which a reinstatement does not carry', reinstatement({ reason: 'calm restored' }), ['reason']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(ReinstateMandateRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(ReinstateMandateRequest, { effectiveFrom: '2017-10-32', decisionReference: 7, x: 1 })).toEqual(['decisionReference', 'effectiveFrom', 'x']);
  });
});
