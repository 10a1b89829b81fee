import type { CompleteMandateMission } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { CompleteMandateMissionRequest } from './complete-mandate-mission.request';

const completion = (extra: Record<string, unknown> = {}) => ({
  completedOn: '2017-12-31',
  summary: 'Daily outreach held every day of the period',
  indicators: [{ name: 'minors_found', value: 612 }],
  staff: { salariedFte: 6, volunteers: 12 },
  ...extra,
});

describe('CompleteMandateMissionRequest', () => {
  it('accepts the final report', async () => {
    expect(await validateBody(CompleteMandateMissionRequest, completion())).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<CompleteMandateMission['data'], 'mandateId'> = await validInstance(CompleteMandateMissionRequest, completion());
    expect(plainData(data)).toStrictEqual(completion());
  });

  it.each<[string, unknown, string[]]>([
    ['a completion date that does not exist', completion({ completedOn: '2017-06-31' }), ['completedOn']],
    ['a summary of more than 4000 characters', completion({ summary: 'x'.repeat(4001) }), ['summary']],
    ['an empty summary', completion({ summary: '' }), ['summary']],
    ['staff that is not an object', completion({ staff: 6 }), ['staff']],
    ['an indicator that is null', completion({ indicators: [null] }), ['indicators', 'indicators.0']],
    ['an unknown field', completion({ status: 'completed' }), ['status']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(CompleteMandateMissionRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(CompleteMandateMissionRequest, { summary: 'x'.repeat(4001), indicators: 'all' })).toEqual([
      'completedOn',
      'indicators',
      'staff',
      'summary',
    ]);
  });
});
