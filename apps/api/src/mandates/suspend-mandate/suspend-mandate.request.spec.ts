import type { SuspendMandate } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { SuspendMandateRequest } from './suspend-mandate.request';

const suspension = (extra: Record<string, unknown> = {}) => ({
  effectiveFrom: '2017-10-02',
  reason: 'staff safety after violent incidents',
  decisionReference: 'AP-2017-1004',
  ...extra,
});

describe('SuspendMandateRequest', () => {
  it('accepts a suspension', async () => {
    expect(await validateBody(SuspendMandateRequest, suspension())).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<SuspendMandate['data'], 'mandateId'> = await validInstance(SuspendMandateRequest, suspension());
    expect(plainData(data)).toStrictEqual(suspension());
  });

  it.each<[string, unknown, string[]]>([
    ['an effective date that does not exist', suspension({ effectiveFrom: '2017-02-30' }), ['effectiveFrom']],
    ['an empty reason', suspension({ reason: '' }), ['reason']],
    ['a reason of more than 4000 characters', suspension({ reason: 'x'.repeat(4001) }), ['reason']],
    ['a reason that is not text', suspension({ reason: ['violence'] }), ['reason']],
    ['a missing decision reference', { effectiveFrom: '2017-10-02', reason: 'r' }, ['decisionReference']],
    ['an unknown field', suspension({ until: '2017-10-09' }), ['until']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(SuspendMandateRequest, body)).toEqual(fields);
  });

  it('takes a reason of exactly 4000 characters', async () => {
    expect(await failingFields(SuspendMandateRequest, suspension({ reason: 'x'.repeat(4000) }))).toEqual([]);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(SuspendMandateRequest, {})).toEqual(['decisionReference', 'effectiveFrom', 'reason']);
  });
});
