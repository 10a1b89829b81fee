import { CalendarDate } from '../shared/dates';
import { DomainCommand } from '../shared/decider';
import { MandateId } from '../shared/ids';
import { OperatorState } from '../operators/operator.decider';
import { MandateChanges, MandateGrant } from './mandate.events';
import { Financing, IndicatorValue, MissionDeclaration, Staffing } from './mandate.terms';

/** What the handler read from the operator's stream before granting: the decider reads nothing. */
export interface OperatorSnapshot {
  readonly status: OperatorState['status'];
}

/** Missions as declared: an indicator's kind may be left out (a count). */
type WithDeclaredMissions<Data> = Omit<Data, 'missions'> & { readonly missions: readonly MissionDeclaration[] };

export type GrantMandate = DomainCommand<'GrantMandate', WithDeclaredMissions<MandateGrant>> & { readonly operator: OperatorSnapshot };

type OnMandate<Data> = { readonly mandateId: MandateId } & Data;

export type AmendMandate = DomainCommand<
  'AmendMandate',
  OnMandate<{
    readonly effectiveFrom: CalendarDate;
    readonly decisionReference: string;
    readonly changes: Omit<MandateChanges, 'missions'> & { readonly missions?: readonly MissionDeclaration[] };
  }>
>;

export type RenewMandate = DomainCommand<
  'RenewMandate',
  OnMandate<{ readonly newEnd: CalendarDate; readonly decisionReference: string; readonly financing?: Financing }>
>;

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

export type MandateCommand =
  | GrantMandate
  | AmendMandate
  | RenewMandate
  | SuspendMandate
  | ReinstateMandate
  | TerminateMandate
  | ReportMandateActivity
  | CompleteMandateMission;
