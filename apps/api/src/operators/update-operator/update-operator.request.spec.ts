import type { OperatorDetailsChanges } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { ProblemError } from '../../http/problem';
import { validationPipe } from '../../http/validation';
import { failingFields, validateBody, validInstance } from '../../http/request-validation.testing';
import { UpdateOperatorRequest } from './update-operator.request';

describe('UpdateOperatorRequest', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a new name', { name: 'La Vie Active (AVA)' }],
    ['new départements and languages', { departements: ['59', '62'], languages: ['ar', 'prs'] }],
    ['the removal of the RNA number', { rna: null }],
    ['the removal of the SIRET and a new RNA number', { siret: null, rna: 'W621000002' }],
    ['every field at once', { name: 'AVA', legalForm: 'association_rup', siret: '73282932000074', rna: 'W621000001', departements: ['62'], languages: [], salariedFte: 124.5 }],
  ])('accepts %s', async (_case, body) => {
    expect(await validateBody(UpdateOperatorRequest, body)).toEqual([]);
  });

  it('maps onto the domain changes as plain JSON data, null kept', async () => {
    const changes: OperatorDetailsChanges = await validInstance(UpdateOperatorRequest, { rna: null, salariedFte: 110 });
    expect(plainData(changes)).toStrictEqual({ rna: null, salariedFte: 110 });
  });

  it('refuses an empty body, on the body as a whole', async () => {
    expect(await validateBody(UpdateOperatorRequest, {})).toEqual([
      { field: '', messages: ['the body must contain at least one of name, legalForm, siret, rna, departements, languages, salariedFte'] },
    ]);
  });

  it('comes out of the API validation pipe as a 400 naming the body', async () => {
    const refusal = await validationPipe()
      .transform({}, { type: 'body', metatype: UpdateOperatorRequest })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ProblemError);
    expect(refusal).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: '' }] });
  });

  it.each<[string, unknown, string[]]>([
    ['the SIREN, which never changes', { siren: '732829320' }, ['', 'siren']],
    ['the SIREN beside a valid change', { name: 'AVA', siren: '732829320' }, ['siren']],
    ['a member named by the empty string', { '': 'x', name: 'AVA' }, ['']],
    ['a null name', { name: null }, ['name']],
    ['a null list of départements', { departements: null }, ['departements']],
    ['a null FTE', { salariedFte: null }, ['salariedFte']],
    ['a malformed SIRET', { siret: '7328293200007X' }, ['siret']],
    ['a malformed RNA number', { rna: 'W62100000' }, ['rna']],
    ['a legal form outside the list', { legalForm: 'foundation' }, ['legalForm']],
    ['an empty list of départements', { departements: [] }, ['departements']],
    ['an unknown département', { departements: ['99'] }, ['departements']],
    ['a name of more than 200 characters', { name: 'x'.repeat(201) }, ['name']],
    ['an unknown field', { name: 'AVA', status: 'deregistered' }, ['status']],
  ])('refuses %s, naming the field', async (_case, body, fields) => {
    expect(await failingFields(UpdateOperatorRequest, body)).toEqual(fields);
  });

  it('reports every failing field at once', async () => {
    expect(await failingFields(UpdateOperatorRequest, { name: '', languages: ['xx1'], salariedFte: -2, siren: '1' })).toEqual([
      'languages',
      'name',
      'salariedFte',
      'siren',
    ]);
  });
});
