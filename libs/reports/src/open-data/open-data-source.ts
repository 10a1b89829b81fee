import {
  addDays,
  addMonths,
  type CalendarDate,
  isBefore,
  type GrantedMandate,
  mandateDecider,
  type MandateEvent,
  type OperatorDetails,
  termsOn,
} from '@mandate-ledger/domain';
import { MISSION_LABELS } from '../report-labels';

/** One mandate as the open-data exports read it: its events in their latest shape, and its operator. */
export interface OpenDataSource {
  readonly mandateId: string;
  readonly events: readonly MandateEvent[];
  readonly operator: OperatorDetails;
}

/** A decision on the financing of a mandate: the grant, then each renewal or amendment that brings a financing. */
export interface FinancingDecision {
  readonly kind: 'grant' | 'renewal' | 'amendment';
  readonly reference: string;
  /** The signature (the decision when none is recorded) for the grant; the day a later decision takes effect. */
  readonly date: CalendarDate;
  /** The mandate as recorded once the decision was taken. */
  readonly mandate: GrantedMandate;
  /** The financing the decision sets, and the days it covers. */
  readonly funding: GrantedMandate['fundings'][number];
}

/** The mandate's decisions on financing, in the order they were recorded. */
export const financingDecisionsOf = (events: readonly MandateEvent[]): FinancingDecision[] => {
  const decisions: FinancingDecision[] = [];
  let state = mandateDecider.initialState();
  for (const event of events) {
    state = mandateDecider.evolve(state, event);
    if (state.status === 'not_granted') continue;
    const mandate = state;
    const fundingOn = (date: CalendarDate) => mandate.fundings.find(({ from, to }) => from <= date && date <= to)!;
    if (event.type === 'MandateGranted') {
      const { instrument } = event.data;
      decisions.push({ kind: 'grant', reference: instrument.reference, date: instrument.signatureDate ?? instrument.decisionDate, mandate, funding: mandate.fundings[0] });
    } else if (event.type === 'MandateRenewed' && event.data.financing !== undefined) {
      const date = addDays(event.data.previousEnd, 1);
      decisions.push({ kind: 'renewal', reference: event.data.decisionReference, date, mandate, funding: fundingOn(date) });
    } else if (event.type === 'MandateAmended' && (event.data.changes.financing !== undefined || event.data.changes.periodEnd !== undefined)) {
      const date = event.data.effectiveFrom;
      decisions.push({ kind: 'amendment', reference: event.data.decisionReference, date, mandate, funding: fundingOn(date) });
    }
  }
  return decisions;
};

/** The mandate as its events leave it, or `undefined` when they hold no grant. */
export const mandateOf = (events: readonly MandateEvent[]): GrantedMandate | undefined => {
  const state = events.reduce(mandateDecider.evolve, mandateDecider.initialState());
  return state.status === 'not_granted' ? undefined : state;
};

/** What the mandate entrusts, in French: its missions and where, for the `objet` of both formats. */
export const objectOf = (mandate: GrantedMandate, on: CalendarDate): string => {
  const { missions, territory } = termsOn(mandate, on);
  const where = territory.communes.length > 0 ? `communes ${territory.communes.join(', ')}` : `département ${territory.departement}`;
  return `Mission de service public : ${missions.map(({ type }) => MISSION_LABELS[type]).join(', ')} (${where})`;
};

/** Euros with two decimals and a point, from cents: `12000000` → `120000.00`. */
export const euros = (cents: number): string => `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;

/** Whole months a period lasts, a month begun counting whole (at least one): DECP `dureeMois`. 6 March – 5 October is 7. */
export const monthsOf = (start: CalendarDate, end: CalendarDate): number => {
  const after = addDays(end, 1);
  let months = 1;
  while (isBefore(addMonths(start, months), after)) months++;
  return months;
};
