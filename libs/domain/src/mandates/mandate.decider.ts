import { operatorDeregistered, operatorNotRegistered } from '../operators/operator.errors';
import { addDays, CalendarDate, isAfter, isBefore, isWithin } from '../shared/dates';
import { Decider } from '../shared/decider';
import { invalidPeriod } from '../shared/domain-error';
import { requireDate, requireNotInFuture, requireStaff, requireText } from '../shared/validation';
import {
  AmendMandate,
  CompleteMandateMission,
  GrantMandate,
  MandateCommand,
  ReinstateMandate,
  RenewMandate,
  ReportMandateActivity,
  SuspendMandate,
  TerminateMandate,
} from './mandate.commands';
import {
  amendmentEmpty,
  amendmentOutsidePeriod,
  completionBeforeStart,
  effectiveDateOutOfOrder,
  mandateAlreadyGranted,
  mandateCompleted,
  mandateExpired,
  mandateNotActive,
  mandateNotFound,
  mandateNotSuspended,
  mandateTerminated,
  renewalMustExtend,
  reportOutsidePeriod,
} from './mandate.errors';
import {
  MandateActivityReported,
  MandateAmended,
  MandateChanges,
  MandateEvent,
  MandateGranted,
  MandateMissionCompleted,
  MandateReinstated,
  MandateRenewed,
  MandateSuspended,
  MandateTerminated,
} from './mandate.events';
import { fundingOn, GrantedMandate, indicatorsDeclaredBetween, mandateStatusOn, MandateState } from './mandate.state';
import { Staffing } from './mandate.terms';
import {
  validateCpomDuration,
  validateFinancing,
  validateIndicatorValues,
  validMissions,
  validateWrittenAgreement,
  validGrant,
  validTerritory,
} from './mandate.validation';

export interface MandateDeciderConfig {
  /** Loi 2000-321 art. 10 and décret 2001-495: above this a year, a subsidy needs a written agreement. */
  readonly writtenAgreementThresholdCents: number;
}

export const DEFAULT_MANDATE_DECIDER_CONFIG: MandateDeciderConfig = { writtenAgreementThresholdCents: 2_300_000 };

const requireGranted = (state: MandateState, mandateId: string): GrantedMandate => {
  if (state.status === 'not_granted') throw mandateNotFound(mandateId);
  return state;
};

/** Renewals, amendments, terminations and completions are refused once the mandate is closed. */
const requireOpen = (state: MandateState, mandateId: string): GrantedMandate & { status: 'granted' } => {
  const mandate = requireGranted(state, mandateId);
  if (mandate.status === 'terminated') throw mandateTerminated();
  if (mandate.status === 'completed') throw mandateCompleted();
  return mandate;
};

const staffReport = (staff: Staffing) => {
  requireStaff(staff, 'staff');
  return { staff, fundedStaffFte: staff.salariedFte };
};

export const grantMandate = (
  { data, operator }: GrantMandate,
  state: MandateState,
  { writtenAgreementThresholdCents }: MandateDeciderConfig = DEFAULT_MANDATE_DECIDER_CONFIG,
): MandateGranted[] => {
  if (state.status !== 'not_granted') throw mandateAlreadyGranted(data.mandateId);
  if (operator?.status === 'deregistered') throw operatorDeregistered(data.operatorId);
  if (operator?.status !== 'registered') throw operatorNotRegistered(data.operatorId);
  const grant = validGrant(data);
  const { instrument, period, financing } = grant;
  validateCpomDuration(instrument, period.start, period.end);
  validateWrittenAgreement(instrument, { from: period.start, to: period.end, financing }, writtenAgreementThresholdCents);
  return [{ type: 'MandateGranted', schemaVersion: 2, data: grant }];
};

export const amendMandate = (
  { data }: AmendMandate,
  state: MandateState,
  { writtenAgreementThresholdCents }: MandateDeciderConfig = DEFAULT_MANDATE_DECIDER_CONFIG,
): MandateAmended[] => {
  const mandate = requireOpen(state, data.mandateId);
  const effectiveFrom = requireDate(data.effectiveFrom, 'effectiveFrom');
  const decisionReference = requireText(data.decisionReference, 'decisionReference');
  const { missions, territory, financing, staffing, periodEnd } = data.changes ?? {};
  if ([missions, territory, financing, staffing, periodEnd].every((section) => section === undefined)) throw amendmentEmpty();
  const { start, end } = mandate.period;
  if (!isWithin(effectiveFrom, start, end)) throw amendmentOutsidePeriod(effectiveFrom);
  const lastAmended = mandate.terms.at(-1)!.effectiveFrom;
  if (isBefore(effectiveFrom, lastAmended)) throw effectiveDateOutOfOrder(effectiveFrom, lastAmended);

  const recordedMissions = missions === undefined ? undefined : validMissions(missions, 'changes.missions');
  if (staffing !== undefined) requireStaff(staffing, 'changes.staffing');
  if (financing !== undefined) validateFinancing(financing, 'changes.financing');
  if (periodEnd !== undefined) {
    requireDate(periodEnd, 'changes.periodEnd');
    const lastFundingFrom = mandate.fundings.at(-1)!.from;
    const earliestEnd = isAfter(effectiveFrom, lastFundingFrom) ? effectiveFrom : lastFundingFrom;
    if (isBefore(periodEnd, earliestEnd)) throw invalidPeriod('changes.periodEnd', earliestEnd, periodEnd);
    validateCpomDuration(mandate.instrument, start, periodEnd);
  }
  const changes: MandateChanges = {
    ...(recordedMissions !== undefined && { missions: recordedMissions }),
    ...(territory !== undefined && { territory: validTerritory(territory) }),
    ...(financing !== undefined && { financing }),
    ...(staffing !== undefined && { staffing }),
    ...(periodEnd !== undefined && { periodEnd }),
  };
  const event: MandateAmended = { type: 'MandateAmended', schemaVersion: 2, data: { mandateId: mandate.mandateId, effectiveFrom, decisionReference, changes } };
  if (financing !== undefined || periodEnd !== undefined) {
    const amended = evolve(mandate, event) as GrantedMandate;
    for (const date of [effectiveFrom, amended.period.end])
      validateWrittenAgreement(amended.instrument, fundingOn(amended, date)!, writtenAgreementThresholdCents);
  }
  return [event];
};

export const renewMandate = (
  { data }: RenewMandate,
  state: MandateState,
  { writtenAgreementThresholdCents }: MandateDeciderConfig = DEFAULT_MANDATE_DECIDER_CONFIG,
): MandateRenewed[] => {
  const mandate = requireOpen(state, data.mandateId);
  const newEnd = requireDate(data.newEnd, 'newEnd');
  const decisionReference = requireText(data.decisionReference, 'decisionReference');
  const previousEnd = mandate.period.end;
  if (!isAfter(newEnd, previousEnd)) throw renewalMustExtend(newEnd, previousEnd);
  validateCpomDuration(mandate.instrument, mandate.period.start, newEnd);
  if (data.financing !== undefined) {
    validateFinancing(data.financing);
    const funding = { from: addDays(previousEnd, 1), to: newEnd, financing: data.financing };
    validateWrittenAgreement(mandate.instrument, funding, writtenAgreementThresholdCents);
  }
  return [{
    type: 'MandateRenewed',
    schemaVersion: 1,
    data: { mandateId: mandate.mandateId, decisionReference, previousEnd, newEnd, ...(data.financing !== undefined && { financing: data.financing }) },
  }];
};

export const suspendMandate = ({ data }: SuspendMandate, state: MandateState): MandateSuspended[] => {
  const mandate = requireGranted(state, data.mandateId);
  const effectiveFrom = requireDate(data.effectiveFrom, 'effectiveFrom');
  const reason = requireText(data.reason, 'reason');
  const decisionReference = requireText(data.decisionReference, 'decisionReference');
  const status = mandateStatusOn(mandate, effectiveFrom);
  if (status !== 'active') throw mandateNotActive(effectiveFrom, status);
  const lastReinstated = mandate.suspensions.at(-1)?.until;
  if (lastReinstated !== undefined && isBefore(effectiveFrom, lastReinstated)) throw effectiveDateOutOfOrder(effectiveFrom, lastReinstated);
  return [{ type: 'MandateSuspended', schemaVersion: 1, data: { mandateId: mandate.mandateId, effectiveFrom, reason, decisionReference } }];
};

export const reinstateMandate = ({ data }: ReinstateMandate, state: MandateState): MandateReinstated[] => {
  const mandate = requireGranted(state, data.mandateId);
  const effectiveFrom = requireDate(data.effectiveFrom, 'effectiveFrom');
  const decisionReference = requireText(data.decisionReference, 'decisionReference');
  const open = mandate.suspensions.at(-1);
  const lifts = open !== undefined && open.until === undefined && isAfter(effectiveFrom, open.from);
  if (!lifts || mandateStatusOn(mandate, effectiveFrom) !== 'suspended') throw mandateNotSuspended(effectiveFrom);
  return [{ type: 'MandateReinstated', schemaVersion: 1, data: { mandateId: mandate.mandateId, effectiveFrom, decisionReference } }];
};

export const terminateMandate = ({ data }: TerminateMandate, state: MandateState): MandateTerminated[] => {
  const mandate = requireOpen(state, data.mandateId);
  const effectiveFrom = requireDate(data.effectiveFrom, 'effectiveFrom');
  const reason = requireText(data.reason, 'reason');
  const decisionReference = requireText(data.decisionReference, 'decisionReference');
  if (isAfter(effectiveFrom, mandate.period.end)) throw mandateExpired(effectiveFrom, mandate.period.end);
  return [{ type: 'MandateTerminated', schemaVersion: 1, data: { mandateId: mandate.mandateId, effectiveFrom, reason, decisionReference } }];
};

/** The last day the mandate was in force, as far as the record knows. */
const lastDayInForce = (mandate: GrantedMandate): CalendarDate => {
  if (mandate.status === 'terminated' && !isAfter(mandate.terminatedFrom, mandate.period.end)) return addDays(mandate.terminatedFrom, -1);
  if (mandate.status === 'completed' && isBefore(mandate.completedOn, mandate.period.end)) return mandate.completedOn;
  return mandate.period.end;
};

export const reportMandateActivity = ({ data, metadata }: ReportMandateActivity, state: MandateState): MandateActivityReported[] => {
  const mandate = requireGranted(state, data.mandateId);
  const periodStart = requireDate(data.periodStart, 'periodStart');
  const periodEnd = requireDate(data.periodEnd, 'periodEnd');
  if (isBefore(periodEnd, periodStart)) throw invalidPeriod('the reported period', periodStart, periodEnd);
  if (isBefore(periodStart, mandate.period.start) || isAfter(periodEnd, lastDayInForce(mandate))) throw reportOutsidePeriod(periodStart, periodEnd);
  requireNotInFuture(periodEnd, 'periodEnd', metadata);
  validateIndicatorValues(data.indicators, indicatorsDeclaredBetween(mandate, periodStart, periodEnd));
  return [{
    type: 'MandateActivityReported',
    schemaVersion: 1,
    data: { mandateId: mandate.mandateId, periodStart, periodEnd, indicators: data.indicators, ...staffReport(data.staff) },
  }];
};

export const completeMandateMission = ({ data, metadata }: CompleteMandateMission, state: MandateState): MandateMissionCompleted[] => {
  const mandate = requireOpen(state, data.mandateId);
  const completedOn = requireDate(data.completedOn, 'completedOn');
  const summary = requireText(data.summary, 'summary');
  if (isBefore(completedOn, mandate.period.start)) throw completionBeforeStart(completedOn, mandate.period.start);
  requireNotInFuture(completedOn, 'completedOn', metadata);
  validateIndicatorValues(data.indicators, indicatorsDeclaredBetween(mandate, mandate.period.start, completedOn));
  return [{
    type: 'MandateMissionCompleted',
    schemaVersion: 1,
    data: { mandateId: mandate.mandateId, completedOn, summary, indicators: data.indicators, ...staffReport(data.staff) },
  }];
};

const decideWith =
  (config: MandateDeciderConfig) =>
  (command: MandateCommand, state: MandateState): MandateEvent[] => {
    switch (command.type) {
      case 'GrantMandate':
        return grantMandate(command, state, config);
      case 'AmendMandate':
        return amendMandate(command, state, config);
      case 'RenewMandate':
        return renewMandate(command, state, config);
      case 'SuspendMandate':
        return suspendMandate(command, state);
      case 'ReinstateMandate':
        return reinstateMandate(command, state);
      case 'TerminateMandate':
        return terminateMandate(command, state);
      case 'ReportMandateActivity':
        return reportMandateActivity(command, state);
      case 'CompleteMandateMission':
        return completeMandateMission(command, state);
    }
  };

const evolveGranted = (mandate: GrantedMandate, event: Exclude<MandateEvent, MandateGranted>): GrantedMandate => {
  switch (event.type) {
    case 'MandateAmended': {
      const { effectiveFrom, changes } = event.data;
      const { financing, periodEnd, ...terms } = changes;
      let { terms: versions, fundings, period } = mandate;
      if (Object.keys(terms).length > 0) {
        const last = versions.at(-1)!;
        const next = { ...last, ...terms, effectiveFrom };
        versions = last.effectiveFrom === effectiveFrom ? [...versions.slice(0, -1), next] : [...versions, next];
      }
      if (financing !== undefined)
        fundings = fundings.map((funding) => (isWithin(effectiveFrom, funding.from, funding.to) ? { ...funding, financing } : funding));
      if (periodEnd !== undefined) {
        period = { ...period, end: periodEnd };
        fundings = [...fundings.slice(0, -1), { ...fundings.at(-1)!, to: periodEnd }];
      }
      return { ...mandate, terms: versions, fundings, period };
    }
    case 'MandateRenewed': {
      const { previousEnd, newEnd, financing } = event.data;
      const fundings =
        financing !== undefined
          ? [...mandate.fundings, { from: addDays(previousEnd, 1), to: newEnd, financing }]
          : [...mandate.fundings.slice(0, -1), { ...mandate.fundings.at(-1)!, to: newEnd }];
      return { ...mandate, period: { ...mandate.period, end: newEnd }, fundings };
    }
    case 'MandateSuspended': {
      const { effectiveFrom: from, reason, decisionReference } = event.data;
      return { ...mandate, suspensions: [...mandate.suspensions, { from, reason, decisionReference }] };
    }
    case 'MandateReinstated':
      return {
        ...mandate,
        suspensions: mandate.suspensions.map((suspension, i, all) =>
          i === all.length - 1 ? { ...suspension, until: event.data.effectiveFrom } : suspension),
      };
    case 'MandateTerminated':
      return { ...mandate, status: 'terminated', terminatedFrom: event.data.effectiveFrom };
    case 'MandateMissionCompleted':
      return { ...mandate, status: 'completed', completedOn: event.data.completedOn };
    case 'MandateActivityReported':
      return mandate;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

export const evolve = (state: MandateState, event: MandateEvent): MandateState => {
  if (event.type === 'MandateGranted') {
    const { mandateId, operatorId, authority, instrument, legalBasis, missions, territory, period, financing, staffing } = event.data;
    return {
      status: 'granted', mandateId, operatorId, authority, instrument, legalBasis, period,
      linkedObligations: event.data.linkedObligations ?? [],
      terms: [{ effectiveFrom: period.start, missions, territory, staffing }],
      fundings: [{ from: period.start, to: period.end, financing }],
      suspensions: [],
    };
  }
  return state.status === 'not_granted' ? state : evolveGranted(state, event);
};

export const initialState = (): MandateState => ({ status: 'not_granted' });

/** The threshold comes from configuration (`writtenAgreementThresholdCents`), defaulting to €23,000. */
export const createMandateDecider = (
  config: MandateDeciderConfig = DEFAULT_MANDATE_DECIDER_CONFIG,
): Decider<MandateCommand, MandateEvent, MandateState> => ({ decide: decideWith(config), evolve, initialState });

export const mandateDecider = createMandateDecider();
export const decide = mandateDecider.decide;
