import { CalendarDate } from '../shared/dates';
import { DomainEvent } from '../shared/decider';
import { MandateId, OperatorId } from '../shared/ids';
import {
  Authority,
  OpenDataSet,
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

/**
 * 2: each indicator states its kind (upcast from 1 as a `count`, which is how reports then summed it).
 * 3: a public contract carries its procurement facts (DECP); those recorded before have none.
 */
export type MandateGranted = DomainEvent<'MandateGranted', MandateGrant, 3>;

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

/** A payment of the instalment due on `dueDate` (part or all of it), as Chorus records it. */
export type MandatePaymentMade = DomainEvent<
  'MandatePaymentMade',
  { readonly mandateId: MandateId; readonly dueDate: CalendarDate; readonly paidOn: CalendarDate; readonly amountCents: number; readonly chorusReference: string }
>;

/** The instalment due on `dueDate` is not paid; `financialReportYear` when the reason is that year's missing or late financial report. */
export type MandatePaymentWithheld = DomainEvent<
  'MandatePaymentWithheld',
  Decision & {
    readonly dueDate: CalendarDate;
    readonly decidedOn: CalendarDate;
    readonly reason: string;
    readonly financialReportYear?: number;
  }
>;

/** A titre de perception: the operator must pay back `amountCents` of what it was paid. */
export type MandateRecoveryOrdered = DomainEvent<
  'MandateRecoveryOrdered',
  { readonly mandateId: MandateId; readonly titreReference: string; readonly orderedOn: CalendarDate; readonly amountCents: number; readonly reason: string }
>;

/** The compte rendu financier of one financial year (a calendar year) of the mandate, received on `receivedOn`. */
export type MandateFinancialReportReceived = DomainEvent<
  'MandateFinancialReportReceived',
  { readonly mandateId: MandateId; readonly financialYear: number; readonly receivedOn: CalendarDate; readonly spentCents: number }
>;

/** The decision's essential data were published on data.gouv.fr in `dataset` on `publishedOn`. */
export type MandateOpenDataPublished = DomainEvent<
  'MandateOpenDataPublished',
  { readonly mandateId: MandateId; readonly dataset: OpenDataSet; readonly publishedOn: CalendarDate }
>;

export type MandateEvent =
  | MandateGranted
  | MandatePaymentMade
  | MandatePaymentWithheld
  | MandateRecoveryOrdered
  | MandateFinancialReportReceived
  | MandateOpenDataPublished
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
  'MandatePaymentMade',
  'MandatePaymentWithheld',
  'MandateRecoveryOrdered',
  'MandateFinancialReportReceived',
  'MandateOpenDataPublished',
] as const satisfies readonly MandateEvent['type'][];

// A type added to the union and not to the list fails here.
const everyTypeListed: Exclude<MandateEvent['type'], (typeof MANDATE_EVENT_TYPES)[number]> extends never ? true : never = true;
void everyTypeListed;
