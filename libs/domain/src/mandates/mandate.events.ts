import { CalendarDate } from '../shared/dates';
import { DomainEvent } from '../shared/decider';
import { MandateId, OperatorId } from '../shared/ids';
import {
  Authority,
  Financing,
  IndicatorValue,
  Instrument,
  LegalReference,
  LinkedObligation,
  Mission,
  Period,
  Staffing,
  Territory,
} from './mandate.terms';

export interface MandateGrant {
  readonly mandateId: MandateId;
  readonly operatorId: OperatorId;
  readonly authority: Authority;
  readonly instrument: Instrument;
  readonly legalBasis: readonly LegalReference[];
  readonly missions: readonly Mission[];
  readonly territory: Territory;
  readonly period: Period;
  readonly financing: Financing;
  readonly staffing: Staffing;
  readonly linkedObligations?: readonly LinkedObligation[];
}

/** Sections given replace the former ones whole; `financing` that of the period containing `effectiveFrom`. */
export interface MandateChanges {
  readonly missions?: readonly Mission[];
  readonly territory?: Territory;
  readonly financing?: Financing;
  readonly staffing?: Staffing;
  readonly periodEnd?: CalendarDate;
}

interface Decision {
  readonly mandateId: MandateId;
  readonly decisionReference: string;
}

/** 2: each indicator states its kind (upcast from 1 as a `count`, which is how reports then summed it). */
export type MandateGranted = DomainEvent<'MandateGranted', MandateGrant, 2>;

/** 2: as {@link MandateGranted}, for the missions it changes. */
export type MandateAmended = DomainEvent<
  'MandateAmended',
  Decision & { readonly effectiveFrom: CalendarDate; readonly changes: MandateChanges },
  2
>;

/** `financing`, when given, funds the added days only (`previousEnd` + 1 to `newEnd`). */
export type MandateRenewed = DomainEvent<
  'MandateRenewed',
  Decision & { readonly previousEnd: CalendarDate; readonly newEnd: CalendarDate; readonly financing?: Financing }
>;

export type MandateSuspended = DomainEvent<
  'MandateSuspended',
  Decision & { readonly effectiveFrom: CalendarDate; readonly reason: string }
>;

export type MandateReinstated = DomainEvent<'MandateReinstated', Decision & { readonly effectiveFrom: CalendarDate }>;

/** In force until the day before `effectiveFrom`. */
export type MandateTerminated = DomainEvent<
  'MandateTerminated',
  Decision & { readonly effectiveFrom: CalendarDate; readonly reason: string }
>;

interface Report {
  readonly indicators: readonly IndicatorValue[];
  readonly staff: Staffing;
  /** The salaried FTE only: volunteers are never counted as funded staff. */
  readonly fundedStaffFte: number;
}

export type MandateActivityReported = DomainEvent<
  'MandateActivityReported',
  Report & { readonly mandateId: MandateId; readonly periodStart: CalendarDate; readonly periodEnd: CalendarDate }
>;

/** The final report. The mandate reads as completed from `completedOn`. */
export type MandateMissionCompleted = DomainEvent<
  'MandateMissionCompleted',
  Report & { readonly mandateId: MandateId; readonly completedOn: CalendarDate; readonly summary: string }
>;

export type MandateEvent =
  | MandateGranted
  | MandateAmended
  | MandateRenewed
  | MandateSuspended
  | MandateReinstated
  | MandateTerminated
  | MandateActivityReported
  | MandateMissionCompleted;

/** Every type of {@link MandateEvent}, for readers of the log that must know them at run time (projections). */
export const MANDATE_EVENT_TYPES = [
  'MandateGranted',
  'MandateAmended',
  'MandateRenewed',
  'MandateSuspended',
  'MandateReinstated',
  'MandateTerminated',
  'MandateActivityReported',
  'MandateMissionCompleted',
] as const satisfies readonly MandateEvent['type'][];

// A type added to the union and not to the list fails here.
const everyTypeListed: Exclude<MandateEvent['type'], (typeof MANDATE_EVENT_TYPES)[number]> extends never ? true : never = true;
void everyTypeListed;
