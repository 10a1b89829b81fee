import type { RecordComplianceConsultation } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { RecordComplianceConsultationRequest } from './record-compliance-consultation.request';

const consultation = (extra: Record<string, unknown> = {}) => ({
  heldOn: '2017-09-20',
  parties: ['Préfet du Pas-de-Calais', 'Commune de Calais', 'Secours catholique'],
  summary: 'Point sur les maraudes et les points d’eau',
  ...extra,
});

describe('RecordComplianceConsultationRequest', () => {
  it('accepts a consultation of the parties', async () => {
    expect(await validateBody(RecordComplianceConsultationRequest, consultation())).toEqual([]);
  });

  it('maps onto the domain command data as plain JSON data', async () => {
    const data: Omit<RecordComplianceConsultation['data'], 'complianceCaseId'> = await validInstance(RecordComplianceConsultationRequest, consultation());
    expect(plainData(data)).toStrictEqual(consultation());
  });

  it.each<[string, unknown, string[]]>([
    ['no party', consultation({ parties: [] }), ['parties']],
    ['a party that is not text', consultation({ parties: [{ name: 'Préfet' }] }), ['parties']],
    ['a party of more than 200 characters', consultation({ parties: ['x'.repeat(201)] }), ['parties']],
    ['more than 50 parties', consultation({ parties: Array.from({ length: 51 }, (_, i) => `party ${i}`) }), ['parties']],
    ['a summary of more than 4000 characters', consultation({ summary: 'x'.repeat(4001) }), ['summary']],
    ['an unknown field', consultation({ minutes: 'x' }), ['minutes']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(RecordComplianceConsultationRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(RecordComplianceConsultationRequest, { heldOn: '' })).toEqual(['heldOn', 'parties', 'summary']);
  });
});
