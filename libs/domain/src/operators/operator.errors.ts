import { DomainError } from '../shared/domain-error';

export const operatorNotFound = (id: string) =>
  new DomainError('OPERATOR_NOT_FOUND', `operator ${id} is not registered`, 'not_found');
export const operatorAlreadyRegistered = (id: string) =>
  new DomainError('OPERATOR_ALREADY_REGISTERED', `operator ${id} is already registered`, 'conflict');
export const operatorDeregistered = (id: string) =>
  new DomainError('OPERATOR_DEREGISTERED', `operator ${id} is deregistered`, 'conflict');
/** A mandate names an operator that was never registered. */
export const operatorNotRegistered = (id: string) =>
  new DomainError('OPERATOR_NOT_REGISTERED', `operator ${id} is not registered`, 'conflict');
export const siretNotOfSiren = (siret: string, siren: string) =>
  new DomainError('SIRET_SIREN_MISMATCH', `SIRET ${siret} does not belong to SIREN ${siren}`);
export const invalidRna = (value: string) => new DomainError('INVALID_RNA', `${value} is not an RNA number (W and 9 digits)`);
export const siretOrRnaRequired = () =>
  new DomainError('SIRET_OR_RNA_REQUIRED', 'an operator without a SIRET must have an RNA number');
export const invalidLanguage = (value: string) =>
  new DomainError('INVALID_LANGUAGE', `${value} is not an ISO 639 language code`);
