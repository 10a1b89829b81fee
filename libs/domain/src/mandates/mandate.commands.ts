import { CalendarDate } from '../shared/dates';
import { DomainCommand } from '../shared/decider';
import { MandateId, OperatorId } from '../shared/ids';
import { OperatorState } from '../operators/operator.decider';
import { MandateChanges, MandateGrant } from './mandate.events';
import { Financing, IndicatorValue, InstrumentKind, MissionDeclaration, OpenDataSet, Staffing } from './mandate.terms';

/** What the handler read from the operator's stream before granting: the decider reads nothing. */
export interface OperatorSnapshot {
  readonly status: OperatorState['status'];
}

/** Missions as declared: an indicator's kind may be left out (a count). */
type WithDeclaredMissions<Data> = Omit<Data, 'missions'> & { readonly missions: readonly MissionDeclaration[] };

/**
 * Another mandate granted to the same operator, as the handler read it from its stream: the
 * written-agreement rule adds up the subsidies of one authority to one operator in a year.
 */
export interface OtherSubsidy {
  readonly mandateId: MandateId;
  readonly operatorId: OperatorId;
  readonly authoritySiret: string;
  readonly instrumentKind: InstrumentKind;
  readonly reference: string;
  /** Its financing periods as recorded (grant, renewals, amendments). */
  readonly fundings: readonly { readonly from: CalendarDate; readonly to: CalendarDate; readonly amountCents: number }[];
}

/** What the handler read of the operator's other mandates before a decision on financing. */
export interface SubsidiesSnapshot {
  readonly subsidies: readonly OtherSubsidy[];
}

export type GrantMandate = DomainCommand<'GrantMandate', WithDeclaredMissions<MandateGrant>> & { readonly operator: OperatorSnapshot } & SubsidiesSnapshot;

type OnMandate<Data> = { readonly mandateId: MandateId } & Data;

export type AmendMandate = DomainCommand<
  'AmendMandate',
  OnMandate<{
    readonly effectiveFrom: CalendarDate;
    readonly decisionReference: string;
    readonly changes: Omit<MandateChanges, 'missions'> & { readonly missions?: readonly MissionDeclaration[] };
  }>
> &
  SubsidiesSnapshot;

export type RenewMandate = DomainCommand<
  'RenewMandate',
  OnMandate<{ readonly newEnd: CalendarDate; readonly decisionReference: string; readonly financing?: Financing }>
> &
  SubsidiesSnapshot;

export type SuspendMandate = DomainCommand<
  'SuspendMandate',
  OnMandate<{ readonly effectiveFrom: CalendarDate; readonly reason: string; readonly decisionReference: string }>
>;

export type ReinstateMandate = DomainCommand<
  'ReinstateMandate',
  OnMandate<{ readonly effectiveFrom: CalendarDate; readonly decisionReference: string }>
>;

export type TerminateMandate = DomainCommand<
  'TerminateMandate',
  OnMandate<{ readonly effectiveFrom: CalendarDate; readonly reason: string; readonly decisionReference: string }>
>;

export type ReportMandateActivity = DomainCommand<
  'ReportMandateActivity',
  OnMandate<{
    readonly periodStart: CalendarDate;
    readonly periodEnd: CalendarDate;
    readonly indicators: readonly IndicatorValue[];
    readonly staff: Staffing;
  }>
>;

export type CompleteMandateMission = DomainCommand<
  'CompleteMandateMission',
  OnMandate<{
    readonly completedOn: CalendarDate;
    readonly summary: string;
    readonly indicators: readonly IndicatorValue[];
    readonly staff: Staffing;
  }>
>;

export type RecordMandatePayment = DomainCommand<
  'RecordMandatePayment',
  OnMandate<{ readonly dueDate: CalendarDate; readonly paidOn: CalendarDate; readonly amountCents: number; readonly chorusReference: string }>
>;

export type WithholdMandatePayment = DomainCommand<
  'WithholdMandatePayment',
  OnMandate<{
    readonly dueDate: CalendarDate;
    readonly decidedOn: CalendarDate;
    readonly decisionReference: string;
    readonly reason: string;
    readonly financialReportYear?: number;
  }>
>;

export type OrderMandateRecovery = DomainCommand<
  'OrderMandateRecovery',
  OnMandate<{ readonly titreReference: string; readonly orderedOn: CalendarDate; readonly amountCents: number; readonly reason: string }>
>;

export type ReceiveMandateFinancialReport = DomainCommand<
  'ReceiveMandateFinancialReport',
  OnMandate<{ readonly financialYear: number; readonly receivedOn: CalendarDate; readonly spentCents: number }>
>;

export type RecordMandatePublication = DomainCommand<
  'RecordMandatePublication',
  OnMandate<{ readonly dataset: OpenDataSet; readonly publishedOn: CalendarDate }>
>;

export type MandateCommand =
  | RecordMandatePayment
  | WithholdMandatePayment
  | OrderMandateRecovery
  | ReceiveMandateFinancialReport
  | RecordMandatePublication
  | GrantMandate
  | AmendMandate
  | RenewMandate
  | SuspendMandate
  | ReinstateMandate
  | TerminateMandate
  | ReportMandateActivity
  | CompleteMandateMission;
