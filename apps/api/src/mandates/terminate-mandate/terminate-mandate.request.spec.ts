import type { TerminateMandate } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { TerminateMandateRequest } from './terminate-mandate.request';

const termination = (extra: Record<string, unknown> = {}) => ({
  effectiveFrom: '2017-11-15',
  reason: 'operator withdrew',
  decisionReference: 'AP-2017-1115',
  ...extra,
});

describe('TerminateMandateRequest', () => {
  it('accepts a termination', async () => {
    expect(await validateBody(TerminateMandateRequest, termination())).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<TerminateMandate['data'], 'mandateId'> = await validInstance(TerminateMandateRequest, termination());
    expect(plainData(data)).toStrictEqual(termination());
  });

  it.each<[string, unknown, string[]]>([
    ['an effective date that does not exist', termination({ effectiveFrom: '2017-11-31' }), ['effectiveFrom']],
    ['a reason of more than 4000 characters', termination({ reason: 'x'.repeat(4001) }), ['reason']],
    ['a null decision reference', termination({ decisionReference: null }), ['decisionReference']],
    ['an unknown field', termination({ penalty: 100 }), ['penalty']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(TerminateMandateRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(TerminateMandateRequest, { reason: '' })).toEqual(['decisionReference', 'effectiveFrom', 'reason']);
  });
});
