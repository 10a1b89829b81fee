import { CalendarDate } from '../shared/dates';
import { Decider } from '../shared/decider';
import { invalidDepartement, invalidField, invalidSiren, invalidSiret, invalidStaffing } from '../shared/domain-error';
import { isValidDepartementCode, isValidLanguageCode, isValidRna, isValidSiren, isValidSiret, sirenOfSiret } from '../shared/french-identifiers';
import { OperatorId } from '../shared/ids';
import { isNonNegativeNumber, requireDate, requireList, requireOneOf, requireText } from '../shared/validation';
import { DeregisterOperator, OperatorCommand, RegisterOperator, UpdateOperatorDetails } from './operator.commands';
import {
  invalidLanguage,
  invalidRna,
  operatorAlreadyRegistered,
  operatorDeregistered,
  operatorNotFound,
  siretNotOfSiren,
  siretOrRnaRequired,
} from './operator.errors';
import {
  LEGAL_FORMS,
  OperatorDeregistered,
  OperatorDetails,
  OperatorDetailsChanges,
  OperatorDetailsUpdated,
  OperatorEvent,
  OperatorRegistered,
} from './operator.events';

export type OperatorState =
  | { readonly status: 'unregistered' }
  | { readonly status: 'registered'; readonly operatorId: OperatorId; readonly details: OperatorDetails }
  | {
      readonly status: 'deregistered';
      readonly operatorId: OperatorId;
      readonly details: OperatorDetails;
      readonly deregistration: { readonly effectiveFrom: CalendarDate; readonly reason: string };
    };

const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();

const validDetails = (details: OperatorDetails): OperatorDetails => {
  const { name, legalForm, siren, siret, rna, salariedFte } = details;
  requireText(name, 'name');
  requireOneOf(legalForm, LEGAL_FORMS, 'legalForm');
  if (!isValidSiren(siren)) throw invalidSiren(siren);
  if (siret !== undefined && !isValidSiret(siret)) throw invalidSiret(siret);
  if (siret !== undefined && sirenOfSiret(siret) !== siren) throw siretNotOfSiren(siret, siren);
  if (rna !== undefined && !isValidRna(rna)) throw invalidRna(rna);
  if (siret === undefined && rna === undefined) throw siretOrRnaRequired();
  const departements = requireList(details.departements, 'departements', { nonEmpty: true });
  departements.forEach((code) => { if (!isValidDepartementCode(code)) throw invalidDepartement(code); });
  const languages = requireList(details.languages, 'languages');
  languages.forEach((code) => { if (!isValidLanguageCode(code)) throw invalidLanguage(code); });
  if (!isNonNegativeNumber(salariedFte)) throw invalidStaffing('salariedFte');
  return {
    name, legalForm, siren, ...(siret !== undefined && { siret }), ...(rna !== undefined && { rna }),
    departements: sortedUnique(departements), languages: sortedUnique(languages), salariedFte,
  };
};

const UPDATABLE_FIELDS = ['name', 'legalForm', 'siret', 'rna', 'departements', 'languages', 'salariedFte'] as const;

const applyChanges = (details: OperatorDetails, changes: OperatorDetailsChanges): OperatorDetails => {
  const merged: Record<string, unknown> = { ...details };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete merged[field];
    else if (value !== undefined) merged[field] = value;
  }
  return merged as unknown as OperatorDetails;
};

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const requireRegistered = (state: OperatorState, id: OperatorId) => {
  if (state.status === 'unregistered') throw operatorNotFound(id);
  if (state.status === 'deregistered') throw operatorDeregistered(id);
  return state;
};

export const registerOperator = ({ data }: RegisterOperator, state: OperatorState): OperatorRegistered[] => {
  if (state.status !== 'unregistered') throw operatorAlreadyRegistered(data.operatorId);
  const { operatorId, ...details } = data;
  requireText(operatorId, 'operatorId');
  return [{ type: 'OperatorRegistered', schemaVersion: 1, data: { operatorId, ...validDetails(details) } }];
};

export const updateOperatorDetails = ({ data }: UpdateOperatorDetails, state: OperatorState): OperatorDetailsUpdated[] => {
  const { details, operatorId } = requireRegistered(state, data.operatorId);
  const fields = Object.keys(data.changes ?? {}) as (keyof OperatorDetailsChanges)[];
  for (const field of fields)
    if (!UPDATABLE_FIELDS.includes(field)) throw invalidField(`changes.${field}`, `one of ${UPDATABLE_FIELDS.join(', ')}`);
  const updated = validDetails(applyChanges(details, data.changes));
  const changed = fields.filter((field) => !sameValue(updated[field] ?? null, details[field] ?? null));
  if (changed.length === 0) return [];
  const changes = Object.fromEntries(changed.map((field) => [field, updated[field] ?? null])) as OperatorDetailsChanges;
  return [{ type: 'OperatorDetailsUpdated', schemaVersion: 1, data: { operatorId, changes } }];
};

export const deregisterOperator = ({ data }: DeregisterOperator, state: OperatorState): OperatorDeregistered[] => {
  const { operatorId } = requireRegistered(state, data.operatorId);
  const effectiveFrom = requireDate(data.effectiveFrom, 'effectiveFrom');
  const reason = requireText(data.reason, 'reason');
  return [{ type: 'OperatorDeregistered', schemaVersion: 1, data: { operatorId, effectiveFrom, reason } }];
};

export const decide = (command: OperatorCommand, state: OperatorState): OperatorEvent[] => {
  switch (command.type) {
    case 'RegisterOperator':
      return registerOperator(command, state);
    case 'UpdateOperatorDetails':
      return updateOperatorDetails(command, state);
    case 'DeregisterOperator':
      return deregisterOperator(command, state);
  }
};

export const evolve = (state: OperatorState, event: OperatorEvent): OperatorState => {
  switch (event.type) {
    case 'OperatorRegistered': {
      const { operatorId, ...details } = event.data;
      return { status: 'registered', operatorId, details };
    }
    case 'OperatorDetailsUpdated':
      return state.status === 'registered' ? { ...state, details: applyChanges(state.details, event.data.changes) } : state;
    case 'OperatorDeregistered':
      return state.status === 'registered'
        ? { ...state, status: 'deregistered', deregistration: { effectiveFrom: event.data.effectiveFrom, reason: event.data.reason } }
        : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

export const initialState = (): OperatorState => ({ status: 'unregistered' });

export const operatorDecider: Decider<OperatorCommand, OperatorEvent, OperatorState> = { decide, evolve, initialState };
