import { operatorDeregistered, operatorNotRegistered } from '../operators/operator.errors';
import { addDays, CalendarDate, isAfter, isBefore, isWithin } from '../shared/dates';
import { Decider } from '../shared/decider';
import { invalidPeriod } from '../shared/domain-error';
import { requireDate, requireNotInFuture, requireOneOf, requireStaff, requireText } from '../shared/validation';
import {
  AmendMandate,
  CompleteMandateMission,
  GrantMandate,
  MandateCommand,
  OrderMandateRecovery,
  ReceiveMandateFinancialReport,
  RecordMandatePayment,
  RecordMandatePublication,
  WithholdMandatePayment,
  ReinstateMandate,
  RenewMandate,
  ReportMandateActivity,
  SuspendMandate,
  TerminateMandate,
} from './mandate.commands';
import {
  amendmentEmpty,
  amendmentOutsidePeriod,
  alreadyPublished,
  completionBeforeStart,
  financialReportAlreadyReceived,
  financialReportBeforeYearEnd,
  financialReportNotLate,
  financialYearOutsideMandate,
  instalmentAlreadyPaid,
  instalmentNotFound,
  instalmentWithheld,
  invalidAmount,
  notPublishedIn,
  paymentExceedsInstalment,
  publicationBeforeDecision,
  recoveryExceedsPaid,
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
  MandateFinancialReportReceived,
  MandateMissionCompleted,
  MandateOpenDataPublished,
  MandatePaymentMade,
  MandatePaymentWithheld,
  MandateRecoveryOrdered,
  MandateReinstated,
  MandateRenewed,
  MandateSuspended,
  MandateTerminated,
} from './mandate.events';
import { GrantedMandate, indicatorsDeclaredBetween, mandateStatusOn, MandateState } from './mandate.state';
import { NON_SUBSIDY_KINDS, OPEN_DATA_SETS, Staffing } from './mandate.terms';
import {
  subsidyOf,
  validateCpomDuration,
  validateFinancing,
  validateIndicatorValues,
  validateScheduleDates,
  validMissions,
  validateWrittenAgreement,
  validGrant,
  validTerritory,
} from './mandate.validation';
import { financialReportsOn, financialYearEndOf, financialYearsOf, instalmentsOn } from './mandate.finance';

export interface MandateDeciderConfig {
  /** Loi 2000-321 art. 10 and décret 2001-495: above this a year, the subsidies of one authority to one operator need a written agreement. */
  readonly writtenAgreementThresholdCents: number;
  /** Months after the end of a financial year within which its financial report is due (six). */
  readonly financialReportDueMonths: number;
}

export const DEFAULT_MANDATE_DECIDER_CONFIG: MandateDeciderConfig = { writtenAgreementThresholdCents: 2_300_000, financialReportDueMonths: 6 };

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
  { data, operator, subsidies }: GrantMandate,
  state: MandateState,
  { writtenAgreementThresholdCents }: MandateDeciderConfig = DEFAULT_MANDATE_DECIDER_CONFIG,
): MandateGranted[] => {
  if (state.status !== 'not_granted') throw mandateAlreadyGranted(data.mandateId);
  if (operator?.status === 'deregistered') throw operatorDeregistered(data.operatorId);
  if (operator?.status !== 'registered') throw operatorNotRegistered(data.operatorId);
  const grant = validGrant(data);
  const { instrument, period, financing } = grant;
  validateCpomDuration(instrument, period.start, period.end);
  validateWrittenAgreement(subsidyOf({ ...grant, fundings: [{ from: period.start, to: period.end, financing }] }), subsidies ?? [], writtenAgreementThresholdCents);
  return [{ type: 'MandateGranted', schemaVersion: 3, data: grant }];
};

export const amendMandate = (
  { data, subsidies }: AmendMandate,
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
    validateScheduleDates(amended.fundings);
    validateWrittenAgreement(subsidyOf(amended), subsidies ?? [], writtenAgreementThresholdCents);
  }
  return [event];
};

export const renewMandate = (
  { data, subsidies }: RenewMandate,
  state: MandateState,
  { writtenAgreementThresholdCents }: MandateDeciderConfig = DEFAULT_MANDATE_DECIDER_CONFIG,
): MandateRenewed[] => {
  const mandate = requireOpen(state, data.mandateId);
  const newEnd = requireDate(data.newEnd, 'newEnd');
  const decisionReference = requireText(data.decisionReference, 'decisionReference');
  const previousEnd = mandate.period.end;
  if (!isAfter(newEnd, previousEnd)) throw renewalMustExtend(newEnd, previousEnd);
  validateCpomDuration(mandate.instrument, mandate.period.start, newEnd);
  if (data.financing !== undefined) validateFinancing(data.financing);
  const event: MandateRenewed = {
    type: 'MandateRenewed',
    schemaVersion: 1,
    data: { mandateId: mandate.mandateId, decisionReference, previousEnd, newEnd, ...(data.financing !== undefined && { financing: data.financing }) },
  };
  const renewed = evolve(mandate, event) as GrantedMandate;
  validateScheduleDates(renewed.fundings);
  validateWrittenAgreement(subsidyOf(renewed), subsidies ?? [], writtenAgreementThresholdCents);
  return [event];
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

const isWholeCents = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const requirePositiveCents = (value: unknown, field: string): number => {
  if (!isWholeCents(value) || value === 0) throw invalidAmount(field);
  return value;
};

/** The instalment named by its due date, as it stands on `on` (payments and withholdings up to then). */
const instalmentOf = (mandate: GrantedMandate, dueDate: CalendarDate, on: CalendarDate) => {
  const instalment = instalmentsOn(mandate, on).find((i) => i.dueDate === dueDate);
  if (instalment === undefined) throw instalmentNotFound(dueDate);
  if (mandate.withholdings.some((w) => w.dueDate === dueDate)) throw instalmentWithheld(dueDate);
  if (instalment.outstandingCents === 0) throw instalmentAlreadyPaid(dueDate);
  return instalment;
};

export const recordMandatePayment = ({ data, metadata }: RecordMandatePayment, state: MandateState): MandatePaymentMade[] => {
  const mandate = requireGranted(state, data.mandateId);
  const dueDate = requireDate(data.dueDate, 'dueDate');
  const paidOn = requireDate(data.paidOn, 'paidOn');
  requireNotInFuture(paidOn, 'paidOn', metadata);
  const amountCents = requirePositiveCents(data.amountCents, 'amountCents');
  const chorusReference = requireText(data.chorusReference, 'chorusReference');
  // Every payment recorded counts, whatever its date: one made later than this one is already money out.
  const instalment = instalmentOf(mandate, dueDate, '9999-12-31');
  if (amountCents > instalment.outstandingCents) throw paymentExceedsInstalment(amountCents, instalment.outstandingCents, dueDate);
  return [{ type: 'MandatePaymentMade', schemaVersion: 1, data: { mandateId: mandate.mandateId, dueDate, paidOn, amountCents, chorusReference } }];
};

export const withholdMandatePayment = (
  { data, metadata }: WithholdMandatePayment,
  state: MandateState,
  { financialReportDueMonths }: MandateDeciderConfig = DEFAULT_MANDATE_DECIDER_CONFIG,
): MandatePaymentWithheld[] => {
  const mandate = requireGranted(state, data.mandateId);
  const dueDate = requireDate(data.dueDate, 'dueDate');
  const decidedOn = requireDate(data.decidedOn, 'decidedOn');
  requireNotInFuture(decidedOn, 'decidedOn', metadata);
  const decisionReference = requireText(data.decisionReference, 'decisionReference');
  const reason = requireText(data.reason, 'reason');
  instalmentOf(mandate, dueDate, '9999-12-31');
  const { financialReportYear } = data;
  if (financialReportYear !== undefined) {
    const report = financialReportsOn(mandate, decidedOn, financialReportDueMonths).find((r) => r.financialYear === financialReportYear);
    if (report === undefined) throw financialYearOutsideMandate(financialReportYear);
    if (report.standing !== 'missing') throw financialReportNotLate(financialReportYear, report.dueOn, decidedOn);
  }
  return [{
    type: 'MandatePaymentWithheld',
    schemaVersion: 1,
    data: { mandateId: mandate.mandateId, decisionReference, dueDate, decidedOn, reason, ...(financialReportYear !== undefined && { financialReportYear }) },
  }];
};

export const orderMandateRecovery = ({ data, metadata }: OrderMandateRecovery, state: MandateState): MandateRecoveryOrdered[] => {
  const mandate = requireGranted(state, data.mandateId);
  const titreReference = requireText(data.titreReference, 'titreReference');
  const orderedOn = requireDate(data.orderedOn, 'orderedOn');
  requireNotInFuture(orderedOn, 'orderedOn', metadata);
  const amountCents = requirePositiveCents(data.amountCents, 'amountCents');
  const reason = requireText(data.reason, 'reason');
  const paid = mandate.payments.reduce((sum, p) => sum + p.amountCents, 0);
  const recoverable = paid - mandate.recoveries.reduce((sum, r) => sum + r.amountCents, 0);
  if (amountCents > recoverable) throw recoveryExceedsPaid(amountCents, recoverable);
  return [{ type: 'MandateRecoveryOrdered', schemaVersion: 1, data: { mandateId: mandate.mandateId, titreReference, orderedOn, amountCents, reason } }];
};

export const receiveMandateFinancialReport = ({ data, metadata }: ReceiveMandateFinancialReport, state: MandateState): MandateFinancialReportReceived[] => {
  const mandate = requireGranted(state, data.mandateId);
  const { financialYear } = data;
  if (NON_SUBSIDY_KINDS.includes(mandate.instrument.kind) || !financialYearsOf(mandate).includes(financialYear)) throw financialYearOutsideMandate(financialYear);
  if (mandate.financialReports.some((r) => r.financialYear === financialYear)) throw financialReportAlreadyReceived(financialYear);
  const receivedOn = requireDate(data.receivedOn, 'receivedOn');
  requireNotInFuture(receivedOn, 'receivedOn', metadata);
  const yearEnd = financialYearEndOf(mandate, financialYear);
  if (isBefore(receivedOn, yearEnd)) throw financialReportBeforeYearEnd(financialYear, yearEnd);
  if (!isWholeCents(data.spentCents)) throw invalidAmount('spentCents');
  return [{
    type: 'MandateFinancialReportReceived',
    schemaVersion: 1,
    data: { mandateId: mandate.mandateId, financialYear, receivedOn, spentCents: data.spentCents },
  }];
};

export const recordMandatePublication = ({ data, metadata }: RecordMandatePublication, state: MandateState): MandateOpenDataPublished[] => {
  const mandate = requireGranted(state, data.mandateId);
  const dataset = requireOneOf(data.dataset, OPEN_DATA_SETS, 'dataset');
  const { kind } = mandate.instrument;
  if (dataset === 'decp' ? kind !== 'public_contract' : NON_SUBSIDY_KINDS.includes(kind)) throw notPublishedIn(dataset, kind);
  if (mandate.publications.some((p) => p.dataset === dataset)) throw alreadyPublished(dataset);
  const publishedOn = requireDate(data.publishedOn, 'publishedOn');
  requireNotInFuture(publishedOn, 'publishedOn', metadata);
  if (isBefore(publishedOn, mandate.instrument.decisionDate)) throw publicationBeforeDecision(publishedOn, mandate.instrument.decisionDate);
  return [{ type: 'MandateOpenDataPublished', schemaVersion: 1, data: { mandateId: mandate.mandateId, dataset, publishedOn } }];
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
      case 'RecordMandatePayment':
        return recordMandatePayment(command, state);
      case 'WithholdMandatePayment':
        return withholdMandatePayment(command, state, config);
      case 'OrderMandateRecovery':
        return orderMandateRecovery(command, state);
      case 'ReceiveMandateFinancialReport':
        return receiveMandateFinancialReport(command, state);
      case 'RecordMandatePublication':
        return recordMandatePublication(command, state);
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
    case 'MandatePaymentMade': {
      const { dueDate, paidOn, amountCents, chorusReference } = event.data;
      return { ...mandate, payments: [...mandate.payments, { dueDate, paidOn, amountCents, chorusReference }] };
    }
    case 'MandatePaymentWithheld': {
      const { dueDate, decidedOn, decisionReference, reason, financialReportYear } = event.data;
      const withholding = { dueDate, decidedOn, decisionReference, reason, ...(financialReportYear !== undefined && { financialReportYear }) };
      return { ...mandate, withholdings: [...mandate.withholdings, withholding] };
    }
    case 'MandateRecoveryOrdered': {
      const { titreReference, orderedOn, amountCents, reason } = event.data;
      return { ...mandate, recoveries: [...mandate.recoveries, { titreReference, orderedOn, amountCents, reason }] };
    }
    case 'MandateFinancialReportReceived': {
      const { financialYear, receivedOn, spentCents } = event.data;
      return { ...mandate, financialReports: [...mandate.financialReports, { financialYear, receivedOn, spentCents }] };
    }
    case 'MandateOpenDataPublished': {
      const { dataset, publishedOn } = event.data;
      return { ...mandate, publications: [...mandate.publications, { dataset, publishedOn }] };
    }
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
      payments: [],
      withholdings: [],
      recoveries: [],
      financialReports: [],
      publications: [],
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
