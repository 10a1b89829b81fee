import { DateInterval, gapsWithin, intersectIntervals, mergeIntervals } from '../shared/date-intervals';
import { addDays, CalendarDate, isAfter, isBefore, isWithin } from '../shared/dates';
import { MandateId, OperatorId } from '../shared/ids';
import { Authority, Financing, Instrument, LegalReference, LinkedObligation, Mission, OpenDataSet, Period, Staffing, Territory } from './mandate.terms';

/** Missions, territory and staffing as in force from `effectiveFrom` (the start, then each amendment). */
export interface TermsVersion {
  readonly effectiveFrom: CalendarDate;
  readonly missions: readonly Mission[];
  readonly territory: Territory;
  readonly staffing: Staffing;
}

/** The financing of `from`..`to` (both included): the grant's, then each renewal that brought its own. */
export interface Funding {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly financing: Financing;
}

/** Suspended from `from` until the day before `until`, the reinstatement (open while absent). */
export interface Suspension {
  readonly from: CalendarDate;
  readonly until?: CalendarDate;
  readonly reason: string;
  readonly decisionReference: string;
}

/** A payment towards the instalment due on `dueDate`. */
export interface Payment {
  readonly dueDate: CalendarDate;
  readonly paidOn: CalendarDate;
  readonly amountCents: number;
  readonly chorusReference: string;
}

export interface Withholding {
  readonly dueDate: CalendarDate;
  readonly decidedOn: CalendarDate;
  readonly decisionReference: string;
  readonly reason: string;
  readonly financialReportYear?: number;
}

/** A titre de perception. */
export interface Recovery {
  readonly titreReference: string;
  readonly orderedOn: CalendarDate;
  readonly amountCents: number;
  readonly reason: string;
}

/** A compte rendu financier received. */
export interface FinancialReportReceipt {
  readonly financialYear: number;
  readonly receivedOn: CalendarDate;
  readonly spentCents: number;
}

export interface Publication {
  readonly dataset: OpenDataSet;
  readonly publishedOn: CalendarDate;
}

interface MandateRecord {
  readonly mandateId: MandateId;
  readonly operatorId: OperatorId;
  readonly authority: Authority;
  readonly instrument: Instrument;
  readonly legalBasis: readonly LegalReference[];
  readonly linkedObligations: readonly LinkedObligation[];
  /** Including renewals and amended ends. */
  readonly period: Period;
  readonly terms: readonly TermsVersion[];
  readonly fundings: readonly Funding[];
  readonly suspensions: readonly Suspension[];
  readonly payments: readonly Payment[];
  readonly withholdings: readonly Withholding[];
  readonly recoveries: readonly Recovery[];
  readonly financialReports: readonly FinancialReportReceipt[];
  readonly publications: readonly Publication[];
}

/**
 * What the record holds, not the status on a date (see {@link mandateStatusOn}): a termination or a
 * completion is final once recorded, even when it takes effect later.
 */
export type GrantedMandate =
  | (MandateRecord & { readonly status: 'granted' })
  | (MandateRecord & { readonly status: 'terminated'; readonly terminatedFrom: CalendarDate })
  | (MandateRecord & { readonly status: 'completed'; readonly completedOn: CalendarDate });

export type MandateState = { readonly status: 'not_granted' } | GrantedMandate;

export type MandateStatus = 'pending' | 'active' | 'suspended' | 'expired' | 'completed' | 'terminated';

export const MANDATE_STATUSES: readonly MandateStatus[] = ['pending', 'active', 'suspended', 'expired', 'completed', 'terminated'];

/** The status on `date`, from the dated facts alone: reaching the end date needs no event. */
export const mandateStatusOn = (mandate: GrantedMandate, date: CalendarDate): MandateStatus => {
  if (mandate.status === 'terminated' && !isBefore(date, mandate.terminatedFrom)) return 'terminated';
  if (mandate.status === 'completed' && !isBefore(date, mandate.completedOn)) return 'completed';
  if (isBefore(date, mandate.period.start)) return 'pending';
  if (isAfter(date, mandate.period.end)) return 'expired';
  const suspended = mandate.suspensions.some(
    ({ from, until }) => !isBefore(date, from) && (until === undefined || isBefore(date, until)),
  );
  return suspended ? 'suspended' : 'active';
};

/** Missions, territory and staffing in force on `date` (the first version before the start). */
export const termsOn = (mandate: GrantedMandate, date: CalendarDate): TermsVersion =>
  mandate.terms.filter(({ effectiveFrom }) => !isAfter(effectiveFrom, date)).at(-1) ?? mandate.terms[0];

/** The financing covering `date`, if it lies within the period. */
export const fundingOn = (mandate: GrantedMandate, date: CalendarDate): Funding | undefined =>
  mandate.fundings.find(({ from, to }) => isWithin(date, from, to));

/** Names of the indicators declared by any version of the terms in force during `start`..`end`. */
export const indicatorsDeclaredBetween = (mandate: GrantedMandate, start: CalendarDate, end: CalendarDate): Set<string> => {
  const versions = mandate.terms.filter(
    (version, i) => !isAfter(version.effectiveFrom, end) && isAfter(mandate.terms[i + 1]?.effectiveFrom ?? '9999-12-31', start),
  );
  return new Set((versions.length > 0 ? versions : [mandate.terms[0]]).flatMap((v) => v.missions.flatMap((m) => m.indicators.map((i) => i.name))));
};

/** The last day the mandate can be in force: its end, or the day before a termination or completion takes effect. */
export const lastDayInForce = (mandate: GrantedMandate): CalendarDate => {
  const closedFrom = mandate.status === 'terminated' ? mandate.terminatedFrom : mandate.status === 'completed' ? mandate.completedOn : undefined;
  return closedFrom !== undefined && !isAfter(closedFrom, mandate.period.end) ? addDays(closedFrom, -1) : mandate.period.end;
};

const inForce = (mandate: GrantedMandate): DateInterval[] => {
  const to = lastDayInForce(mandate);
  return isAfter(mandate.period.start, to) ? [] : [{ from: mandate.period.start, to }];
};

/** The days on which {@link mandateStatusOn} reads `suspended`, merged. */
export const suspendedIntervals = (mandate: GrantedMandate): DateInterval[] => {
  const window = inForce(mandate);
  const suspensions = mandate.suspensions.map(({ from, until }) => ({ from, to: until === undefined ? window[0]?.to ?? from : addDays(until, -1) }));
  return intersectIntervals(mergeIntervals(suspensions.filter(({ from, to }) => !isAfter(from, to))), window);
};

/** Days in effect with the same terms: `from`..`to`, both included. */
export interface InEffectSpan extends DateInterval {
  readonly terms: TermsVersion;
}

/**
 * The days on which {@link mandateStatusOn} reads `active`, split where the terms in force change
 * (an amendment of missions, territory or staffing), in date order.
 */
export const inEffectSpans = (mandate: GrantedMandate): InEffectSpan[] => {
  const [window] = inForce(mandate);
  if (window === undefined) return [];
  const active = gapsWithin(suspendedIntervals(mandate), window);
  return mandate.terms.flatMap((terms, i) => {
    const next = mandate.terms[i + 1]?.effectiveFrom;
    const version = { from: terms.effectiveFrom, to: next === undefined ? window.to : addDays(next, -1) };
    return intersectIntervals(active, [version]).map((interval) => ({ ...interval, terms }));
  });
};
