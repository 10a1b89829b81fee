import { CalendarDate } from '../shared/dates';
import { DomainEvent } from '../shared/decider';
import { OperatorId } from '../shared/ids';

export const LEGAL_FORMS = [
  'association',
  'association_rup', // reconnue d'utilité publique
  'public_establishment',
  'civil_protection_association',
  'company',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export interface OperatorDetails {
  readonly name: string;
  readonly legalForm: LegalForm;
  /** 9 digits; the legal entity, never changes. */
  readonly siren: string;
  /** 14 digits of the establishment, starting with the SIREN. */
  readonly siret?: string;
  /** `W` and 9 digits; optional when a SIRET is given (Alsace-Moselle associations have none). */
  readonly rna?: string;
  /** Département codes of activity, sorted, without duplicates. */
  readonly departements: readonly string[];
  /** Interpreting languages (ISO 639 codes), sorted, without duplicates. */
  readonly languages: readonly string[];
  readonly salariedFte: number;
}

/** Only the fields that changed; `null` removes an optional identifier. */
export type OperatorDetailsChanges = {
  readonly [K in Exclude<keyof OperatorDetails, 'siren'>]?: K extends 'siret' | 'rna' ? string | null : OperatorDetails[K];
};

export type OperatorRegistered = DomainEvent<'OperatorRegistered', { readonly operatorId: OperatorId } & OperatorDetails>;

export type OperatorDetailsUpdated = DomainEvent<
  'OperatorDetailsUpdated',
  { readonly operatorId: OperatorId; readonly changes: OperatorDetailsChanges }
>;

export type OperatorDeregistered = DomainEvent<
  'OperatorDeregistered',
  { readonly operatorId: OperatorId; readonly effectiveFrom: CalendarDate; readonly reason: string }
>;

export type OperatorEvent = OperatorRegistered | OperatorDetailsUpdated | OperatorDeregistered;
