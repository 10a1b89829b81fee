import type { RecordComplianceAppeal } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { RecordComplianceAppealRequest } from './record-compliance-appeal.request';

// The Conseil d'État upheld the order on 31 July 2017 (n° 412125, 412171).
const appeal = (extra: Record<string, unknown> = {}) => ({
  court: "Conseil d'État",
  caseNumbers: ['412125', '412171'],
  decisionDate: '2017-07-31',
  outcome: 'upheld',
  ...extra,
});

describe('RecordComplianceAppealRequest', () => {
  it('accepts a decision that upholds the order, and one that modifies it, superseding obligations', async () => {
    expect(await validateBody(RecordComplianceAppealRequest, appeal())).toEqual([]);
    expect(await validateBody(RecordComplianceAppealRequest, appeal({ outcome: 'modified', supersedes: ['art-2-maraude'] }))).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<RecordComplianceAppeal['data'], 'complianceCaseId'> = await validInstance(RecordComplianceAppealRequest, appeal());
    expect(plainData(data)).toStrictEqual(appeal());
  });

  it.each<[string, unknown, string[]]>([
    ['an outcome outside the list', appeal({ outcome: 'annulled' }), ['outcome']],
    ['supersedes that is not a list', appeal({ supersedes: 'art-2' }), ['supersedes']],
    ['an obligation id with a space', appeal({ supersedes: ['art 2'] }), ['supersedes']],
    ['a null supersedes', appeal({ supersedes: null }), ['supersedes']],
    ['more than 100 superseded obligations', appeal({ supersedes: Array.from({ length: 101 }, (_, i) => `art-${i}`) }), ['supersedes']],
    ['a missing court', { ...appeal(), court: undefined }, ['court']],
    ['an unknown field', appeal({ penalty: 0 }), ['penalty']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(RecordComplianceAppealRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(RecordComplianceAppealRequest, {})).toEqual(['caseNumbers', 'court', 'decisionDate', 'outcome']);
  });
});
