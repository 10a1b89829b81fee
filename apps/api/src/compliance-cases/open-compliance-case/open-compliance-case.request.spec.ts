import type { OpenComplianceCase } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { OpenComplianceCaseRequest } from './open-compliance-case.request';

// The order of the administrative court of Lille, référé n° 1705379, 26 June 2017.
const order = (extra: Record<string, unknown> = {}) => ({
  court: 'Tribunal administratif de Lille',
  caseNumbers: ['1705379'],
  decisionDate: '2017-06-26',
  procedure: 'refere_liberte',
  ...extra,
});

describe('OpenComplianceCaseRequest', () => {
  it('accepts the Lille order, with or without an id', async () => {
    expect(await validateBody(OpenComplianceCaseRequest, order())).toEqual([]);
    expect(await validateBody(OpenComplianceCaseRequest, order({ id: '0190f1c2-0000-7000-8000-000000000001' }))).toEqual([]);
  });

  it('maps onto the domain command data with the id renamed, as plain JSON data', async () => {
    const { id, ...decision } = await validInstance(OpenComplianceCaseRequest, order());
    const data: OpenComplianceCase['data'] = { ...decision, complianceCaseId: id ?? 'generated' };
    expect(plainData(data)).toStrictEqual({ ...order(), complianceCaseId: 'generated' });
  });

  it('takes the parties, either list left out', async () => {
    expect(await validateBody(OpenComplianceCaseRequest, order({ parties: { applicants: ['Utopia 56'], defendants: ['Commune de Calais'] } }))).toEqual([]);
    expect(await validateBody(OpenComplianceCaseRequest, order({ parties: { defendants: ['Commune de Calais'] } }))).toEqual([]);
  });

  it('folds a client id to lower case', async () => {
    const { id } = await validInstance(OpenComplianceCaseRequest, order({ id: '0190F1C2-0000-7000-8000-00000000000A' }));
    expect(id).toBe('0190f1c2-0000-7000-8000-00000000000a');
  });

  it.each<[string, unknown, string[]]>([
    ['a procedure outside the list', order({ procedure: 'référé' }), ['procedure']],
    ['no case number', order({ caseNumbers: [] }), ['caseNumbers']],
    ['a case number that is not text', order({ caseNumbers: [1705379] }), ['caseNumbers']],
    ['an empty case number', order({ caseNumbers: [''] }), ['caseNumbers']],
    ['a case number of more than 100 characters', order({ caseNumbers: ['1'.repeat(101)] }), ['caseNumbers']],
    ['more than 20 case numbers', order({ caseNumbers: Array.from({ length: 21 }, (_, i) => String(i)) }), ['caseNumbers']],
    ['case numbers given as one text', order({ caseNumbers: '412125, 412171' }), ['caseNumbers']],
    ['an empty court', order({ court: '' }), ['court']],
    ['parties as one text', order({ parties: 'Utopia 56' }), ['parties']],
    ['an empty applicant', order({ parties: { applicants: [''] } }), ['parties.applicants']],
    ['a court of more than 200 characters', order({ court: 'x'.repeat(201) }), ['court']],
    ['a decision date that does not exist', order({ decisionDate: '2017-06-31' }), ['decisionDate']],
    ['an id that is not a UUID', order({ id: 'case-1' }), ['id']],
    ['a null id', order({ id: null }), ['id']],
    ['an unknown field', order({ judge: 'M. X' }), ['judge']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(OpenComplianceCaseRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(OpenComplianceCaseRequest, { extra: 1 })).toEqual(['caseNumbers', 'court', 'decisionDate', 'extra', 'procedure']);
  });
});
