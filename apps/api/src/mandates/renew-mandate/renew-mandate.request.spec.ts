import type { RenewMandate } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { RenewMandateRequest } from './renew-mandate.request';

const renewal = (extra: Record<string, unknown> = {}) => ({ newEnd: '2018-12-31', decisionReference: 'CONV-2018-62-003', ...extra });
const financing = { amountCents: 24000000, nature: 'cash', paymentTerms: 'instalments', programme: '177', chorusCommitment: '2100456790' };

describe('RenewMandateRequest', () => {
  it('accepts a renewal, with or without financing of the added days', async () => {
    expect(await validateBody(RenewMandateRequest, renewal())).toEqual([]);
    expect(await validateBody(RenewMandateRequest, renewal({ financing }))).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<RenewMandate['data'], 'mandateId'> = await validInstance(RenewMandateRequest, renewal({ financing }));
    expect(plainData(data)).toStrictEqual(renewal({ financing }));
  });

  it.each<[string, unknown, string[]]>([
    ['a new end that does not exist', renewal({ newEnd: '2018-04-31' }), ['newEnd']],
    ['a missing decision reference', { newEnd: '2018-12-31' }, ['decisionReference']],
    ['null financing', renewal({ financing: null }), ['financing']],
    ['financing that is not an object', renewal({ financing: 24000000 }), ['financing']],
    ['a negative amount', renewal({ financing: { ...financing, amountCents: -1 } }), ['financing.amountCents']],
    ['a nature outside the list', renewal({ financing: { ...financing, nature: 'loan' } }), ['financing.nature']],
    ['too many instalments', renewal({ financing: { ...financing, schedule: Array.from({ length: 121 }, () => ({ dueDate: '2018-01-15', amountCents: 1 })) } }), ['financing.schedule']],
    ['an unknown field in the financing', renewal({ financing: { ...financing, vat: 20 } }), ['financing.vat']],
    ['an unknown top-level field', renewal({ previousEnd: '2017-12-31' }), ['previousEnd']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(RenewMandateRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(RenewMandateRequest, { newEnd: 20181231, financing: { ...financing, paymentTerms: 'monthly', programme: 177 } })).toEqual([
      'decisionReference',
      'financing.paymentTerms',
      'financing.programme',
      'newEnd',
    ]);
  });
});
