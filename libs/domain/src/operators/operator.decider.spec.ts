import { CommandMetadata, fold } from '../shared/decider';
import { deciderSpecification } from '../testing/decider-specification';
import { DeregisterOperator, RegisterOperator, UpdateOperatorDetails } from './operator.commands';
import { operatorDecider } from './operator.decider';
import { laVieActive } from '../testing/operator.fixtures';
import { OperatorDeregistered, OperatorDetails, OperatorDetailsChanges, OperatorDetailsUpdated, OperatorRegistered } from './operator.events';

const given = deciderSpecification(operatorDecider);
const metadata: CommandMetadata = { now: '2017-07-20T09:00:00Z', actor: { sub: 'officer-62', role: 'officer' }, correlationId: 'c-1' };
const operatorId = 'op-la-vie-active';

const register = (details: Partial<Record<keyof OperatorDetails, unknown>> = {}): RegisterOperator => ({
  type: 'RegisterOperator',
  data: { operatorId, ...laVieActive, ...details } as RegisterOperator['data'],
  metadata,
});
const update = (changes: OperatorDetailsChanges): UpdateOperatorDetails => ({
  type: 'UpdateOperatorDetails', data: { operatorId, changes }, metadata,
});
const deregister = (data: Partial<DeregisterOperator['data']> = {}): DeregisterOperator => ({
  type: 'DeregisterOperator',
  data: { operatorId, effectiveFrom: '2018-06-30', reason: 'association dissolved', ...data },
  metadata,
});

const registered: OperatorRegistered = { type: 'OperatorRegistered', schemaVersion: 1, data: { operatorId, ...laVieActive } };
const deregistered: OperatorDeregistered = {
  type: 'OperatorDeregistered', schemaVersion: 1, data: { operatorId, effectiveFrom: '2018-06-30', reason: 'association dissolved' },
};

describe('operator decider', () => {
  describe('registering an operator', () => {
    it('registers an association with its SIREN, SIRET and RNA number', () =>
      given([]).when(register()).then([registered]));

    it('sorts départements and languages and drops duplicates', () =>
      given([]).when(register({ departements: ['62', '59', '62'], languages: ['ti', 'ar', 'ps', 'ar'] })).then([
        { ...registered, data: { ...registered.data, departements: ['59', '62'], languages: ['ar', 'ps', 'ti'] } },
      ]));

    it('registers an Alsace-Moselle association that has a SIRET but no RNA number', () => {
      const { rna: _rna, ...withoutRna } = registered.data;
      given([]).when(register({ rna: undefined })).then([{ ...registered, data: withoutRna }]);
    });

    it('registers an association known only by its RNA number', () => {
      const { siret: _siret, ...withoutSiret } = registered.data;
      given([]).when(register({ siret: undefined })).then([{ ...registered, data: withoutSiret }]);
    });

    it('accepts a La Poste establishment whose SIRET digits sum to a multiple of 5', () => {
      const laPoste = { legalForm: 'company', siren: '356000000', siret: '35600000049837' } as const;
      const { rna: _rna, ...withoutRna } = registered.data;
      given([]).when(register({ ...laPoste, rna: undefined })).then([{ ...registered, data: { ...withoutRna, ...laPoste } }]);
    });

    it('cannot register the same operator twice', () =>
      given([registered]).when(register()).thenThrows('OPERATOR_ALREADY_REGISTERED'));

    it('refuses a SIREN that fails the Luhn check', () =>
      given([]).when(register({ siren: '123456789', siret: '12345678912345' })).thenThrows('INVALID_SIREN'));

    it('refuses a SIRET that fails the Luhn check', () =>
      given([]).when(register({ siret: '73282932000075' })).thenThrows('INVALID_SIRET'));

    it('refuses a SIRET of another legal entity', () =>
      given([]).when(register({ siret: '35600000049837' })).thenThrows('SIRET_SIREN_MISMATCH'));

    it('refuses a malformed RNA number', () =>
      given([]).when(register({ rna: 'w231468097' })).thenThrows('INVALID_RNA'));

    it('refuses an operator with neither SIRET nor RNA number', () =>
      given([]).when(register({ siret: undefined, rna: undefined })).thenThrows('SIRET_OR_RNA_REQUIRED'));

    it('refuses an unknown département code', () =>
      given([]).when(register({ departements: ['62', '20'] })).thenThrows('INVALID_DEPARTEMENT'));

    it('refuses an operator active in no département', () =>
      given([]).when(register({ departements: [] })).thenThrows('INVALID_FIELD'));

    it('refuses a language that is not an ISO 639 code', () =>
      given([]).when(register({ languages: ['pashto'] })).thenThrows('INVALID_LANGUAGE'));

    it('refuses a negative salaried headcount', () =>
      given([]).when(register({ salariedFte: -1 })).thenThrows('INVALID_STAFFING'));

    it('refuses a legal form outside the list', () =>
      given([]).when(register({ legalForm: 'foundation' })).thenThrows('INVALID_FIELD'));

    it('refuses a blank name', () => given([]).when(register({ name: '  ' })).thenThrows('INVALID_FIELD'));
  });

  describe('updating details', () => {
    it('records only the fields that changed', () =>
      given([registered]).when(update({ name: 'La Vie Active', salariedFte: 130, languages: ['ps', 'ar', 'ti', 'fa'] })).then([
        { type: 'OperatorDetailsUpdated', schemaVersion: 1, data: { operatorId, changes: { salariedFte: 130, languages: ['ar', 'fa', 'ps', 'ti'] } } },
      ]));

    it('decides nothing when nothing changes', () =>
      given([registered]).when(update({ name: 'La Vie Active', departements: ['62'] })).then([]));

    it('removes the RNA number when given null', () =>
      given([registered]).when(update({ rna: null })).then([
        { type: 'OperatorDetailsUpdated', schemaVersion: 1, data: { operatorId, changes: { rna: null } } },
      ]));

    it('checks the details as they would become', () =>
      given([registered]).when(update({ siret: '35600000049837' })).thenThrows('SIRET_SIREN_MISMATCH'));

    it('cannot remove both the SIRET and the RNA number', () =>
      given([registered, { type: 'OperatorDetailsUpdated', schemaVersion: 1, data: { operatorId, changes: { rna: null } } }])
        .when(update({ siret: null }))
        .thenThrows('SIRET_OR_RNA_REQUIRED'));

    it('never changes the SIREN', () =>
      given([registered]).when(update({ siren: '356000000' } as OperatorDetailsChanges)).thenThrows('INVALID_FIELD'));

    it('cannot update an operator that was never registered', () =>
      given([]).when(update({ salariedFte: 3 })).thenThrows('OPERATOR_NOT_FOUND'));

    it('cannot update a deregistered operator', () =>
      given([registered, deregistered]).when(update({ salariedFte: 3 })).thenThrows('OPERATOR_DEREGISTERED'));
  });

  describe('deregistering', () => {
    it('deregisters an operator with a reason and a date', () => given([registered]).when(deregister()).then([deregistered]));

    it('cannot deregister an operator twice', () =>
      given([registered, deregistered]).when(deregister()).thenThrows('OPERATOR_DEREGISTERED'));

    it('cannot deregister an operator that was never registered', () =>
      given([]).when(deregister()).thenThrows('OPERATOR_NOT_FOUND'));

    it('needs a reason', () => given([registered]).when(deregister({ reason: '' })).thenThrows('INVALID_FIELD'));

    it('needs a calendar date', () =>
      given([registered]).when(deregister({ effectiveFrom: '2018-02-30' })).thenThrows('INVALID_DATE'));
  });

  it('folds the details as updated', () => {
    const updated: OperatorDetailsUpdated = {
      type: 'OperatorDetailsUpdated', schemaVersion: 1, data: { operatorId, changes: { rna: null, salariedFte: 5 } },
    };
    const { operatorId: _id, rna: _rna, ...details } = registered.data;
    expect(fold(operatorDecider, [registered, updated])).toStrictEqual({ status: 'registered', operatorId, details: { ...details, salariedFte: 5 } });
  });
});
