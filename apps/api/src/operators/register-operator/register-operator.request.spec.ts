import type { OperatorDetails } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { laVieActive as laVieActiveDetails } from '../../../../../libs/domain/src/testing/operator.fixtures';
import { RegisterOperatorRequest } from './register-operator.request';

// DESIGN §4.
const laVieActive = (extra: Record<string, unknown> = {}) => ({ ...structuredClone(laVieActiveDetails), ...extra });

describe('RegisterOperatorRequest', () => {
  it('accepts La Vie Active as in DESIGN §4', async () => {
    expect(await validateBody(RegisterOperatorRequest, laVieActive())).toEqual([]);
  });

  it('accepts a client id, no RNA, Corsican and overseas départements, three-letter languages', async () => {
    const body = laVieActive({ id: '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f', rna: undefined, departements: ['2A', '974', '59'], languages: ['prs', 'ckb'] });
    expect(await validateBody(RegisterOperatorRequest, body)).toEqual([]);
  });

  it('maps onto the domain details with the id left out, as plain JSON data', async () => {
    const { rna: _rna, ...withoutRna } = laVieActive();
    const { id, ...details } = await validInstance(RegisterOperatorRequest, withoutRna);
    const data: OperatorDetails = details;
    expect(id).toBeUndefined();
    expect(plainData(data)).toStrictEqual(withoutRna);
  });

  it.each<[string, unknown, string[]]>([
    ['an unknown field', laVieActive({ website: 'https://www.vieactive.fr' }), ['website']],
    ['a legal form outside the list', laVieActive({ legalForm: 'ngo' }), ['legalForm']],
    ['a SIREN of 8 digits', laVieActive({ siren: '73282932' }), ['siren']],
    ['a SIREN with spaces', laVieActive({ siren: '732 829 320' }), ['siren']],
    ['a SIREN as a number', laVieActive({ siren: 732829320 }), ['siren']],
    ['a SIRET of 13 digits', laVieActive({ siret: '7328293200007' }), ['siret']],
    ['a lower-case RNA number', laVieActive({ rna: 'w621000001' }), ['rna']],
    ['a null SIRET', laVieActive({ siret: null }), ['siret']],
    ['no département', laVieActive({ departements: [] }), ['departements']],
    ['département 20, which no longer exists', laVieActive({ departements: ['62', '20'] }), ['departements']],
    ['départements that are not a list', laVieActive({ departements: '62' }), ['departements']],
    ['a language that is not ISO 639', laVieActive({ languages: ['pashto'] }), ['languages']],
    ['too many languages', laVieActive({ languages: Array.from({ length: 201 }, () => 'ar') }), ['languages']],
    ['a name of more than 200 characters', laVieActive({ name: 'x'.repeat(201) }), ['name']],
    ['an empty name', laVieActive({ name: '' }), ['name']],
    ['negative FTE', laVieActive({ salariedFte: -1 }), ['salariedFte']],
    ['FTE with 3 decimals', laVieActive({ salariedFte: 120.125 }), ['salariedFte']],
    ['FTE as text', laVieActive({ salariedFte: '120' }), ['salariedFte']],
    ['an id that is not a UUID', laVieActive({ id: 'la-vie-active' }), ['id']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(RegisterOperatorRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(RegisterOperatorRequest, { legalForm: 'ngo', siren: '1', extra: 1 })).toEqual([
      'departements',
      'extra',
      'languages',
      'legalForm',
      'name',
      'salariedFte',
      'siren',
    ]);
  });
});
