import { DateInterval, gapsWithin, intersectIntervals, mergeIntervals, overlaps } from '../shared/date-intervals';
import { addDays, CalendarDate, daysBetween, isAfter, isBefore } from '../shared/dates';
import { fold } from '../shared/decider';
import { invalidPeriod } from '../shared/domain-error';
import { MandateId, ObligationId } from '../shared/ids';
import { requireDate } from '../shared/validation';
import { mandateDecider } from '../mandates/mandate.decider';
import { MandateEvent } from '../mandates/mandate.events';
import { InEffectSpan, inEffectSpans, suspendedIntervals } from '../mandates/mandate.state';
import { IndicatorValue, MissionType, Territory } from '../mandates/mandate.terms';
import { ComplianceObligation, deadlineOf, OpenedComplianceCase } from './compliance-case.state';

/*
 * Everything here is read "as of `to`": facts dated after the end of the period (a notification,
 * a standing, a supersession, a closure, a measure's start) are not yet facts. Which events are
 * known at all is the caller's business: for a report `asKnownAt` an instant, keep only the events
 * recorded up to it (case and mandates alike) before folding them and calling this.
 */

/** A `MandateActivityReported`: indicator values for `periodStart`..`periodEnd`. */
export interface ActivityReport {
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly indicators: readonly IndicatorValue[];
}

/** What the coverage needs of a linked mandate; {@link coverageMandateOf} derives it from its events. */
export interface CoverageMandate {
  readonly mandateId: MandateId;
  /** The days it was active ({@link inEffectSpans}), with the terms then in force. */
  readonly inEffect: readonly InEffectSpan[];
  /** The days it was suspended ({@link suspendedIntervals}). */
  readonly suspended: readonly DateInterval[];
  readonly activityReports: readonly ActivityReport[];
}

/** From the events of one mandate stream; undefined when they hold no grant. */
export const coverageMandateOf = (events: readonly MandateEvent[]): CoverageMandate | undefined => {
  const mandate = fold(mandateDecider, events);
  if (mandate.status === 'not_granted') return undefined;
  return {
    mandateId: mandate.mandateId,
    inEffect: inEffectSpans(mandate),
    suspended: suspendedIntervals(mandate),
    activityReports: events.flatMap((event) =>
      event.type === 'MandateActivityReported'
        ? [{ periodStart: event.data.periodStart, periodEnd: event.data.periodEnd, indicators: event.data.indicators }]
        : []),
  };
};

/**
 * The standing of an obligation at the end of the period, the first that applies:
 * - `superseded`: an appellate decision or a later obligation replaced or annulled it, on or before `to`;
 * - `contested`: the last standing recorded on or before `to` is a contestation;
 * - `implemented`: it was implemented (`implementedOn`) on or before its deadline, or before any
 *   deadline ran (decision not yet notified);
 * - `implemented_late`: it was implemented after its deadline;
 * - `in_progress`: not implemented, but a mandate is linked to it from a date on or before `to`
 *   (not yet in effect, on part of the territory only, or outside it);
 * - `not_started`: nothing of the above.
 * Once implemented an obligation stays so whatever the later gaps: `gaps` and `coveredAtEnd` show them.
 */
export type ObligationStatus = 'not_started' | 'in_progress' | 'implemented' | 'implemented_late' | 'contested' | 'superseded';

/** One linked mandate as a bar of the timeline, within the period. */
export interface MeasureCoverage {
  readonly mandateId: MandateId;
  readonly effectiveFrom: CalendarDate;
  /** The days it served the obligation: in effect, from the link on, with the mission, on some of the territory. */
  readonly inEffect: readonly DateInterval[];
  /** The days it was suspended, from the link on, while the obligation was in force. */
  readonly suspended: readonly DateInterval[];
}

/** Values of one indicator (name and unit) summed over the activity reports that count. */
export interface IndicatorTotal {
  readonly name: string;
  readonly unit: string;
  readonly total: number;
  readonly reports: number;
  /** Some report counted runs beyond the period: its whole value is in the total. */
  readonly extendsBeyondPeriod: boolean;
}

export interface ObligationCoverage {
  readonly obligationId: ObligationId;
  readonly article: string;
  readonly missionType: MissionType;
  readonly territory: Territory;
  readonly notifiedOn: CalendarDate | null;
  /** The last day to comply: the notification plus the deadline days. */
  readonly deadline: CalendarDate | null;
  /** The first day the whole territory was served (see {@link complianceCoverage}). */
  readonly firstMeasureInEffectOn: CalendarDate | null;
  /** The first day it was recorded as satisfied. */
  readonly satisfiedOn: CalendarDate | null;
  /** The earlier of the two above. */
  readonly implementedOn: CalendarDate | null;
  readonly daysLate: number;
  readonly penaltyPerDayCents: number;
  readonly penaltyExposureCents: number;
  /** Days of the period the whole territory was served, merged. */
  readonly covered: readonly DateInterval[];
  /** Days of the period, from the first served day on while the obligation was in force, not served. */
  readonly gaps: readonly DateInterval[];
  /** Whether the whole territory was served on the last day of the period. */
  readonly coveredAtEnd: boolean;
  readonly measures: readonly MeasureCoverage[];
  readonly indicators: readonly IndicatorTotal[];
  readonly supersededOn: CalendarDate | null;
  readonly status: ObligationStatus;
}

export interface CoverageInput {
  readonly complianceCase: OpenedComplianceCase;
  /** At least every mandate linked to an obligation of the case; others are ignored. */
  readonly mandates: readonly CoverageMandate[];
  /** Effective dates, both included. */
  readonly period: DateInterval;
}

export interface ComplianceCoverage {
  readonly complianceCaseId: string;
  readonly period: DateInterval;
  readonly obligations: readonly ObligationCoverage[];
}

const earliest = (...dates: (CalendarDate | null | undefined)[]): CalendarDate | null =>
  dates.reduce<CalendarDate | null>((min, date) => (date == null ? min : min === null || isBefore(date, min) ? date : min), null);
const later = (a: CalendarDate, b: CalendarDate) => (isAfter(a, b) ? a : b);
const nonEmpty = ({ from, to }: DateInterval) => !isAfter(from, to);

/** A span of a mandate serving the obligation: clipped to the link and the obligation's time in force. */
interface Serving {
  readonly interval: DateInterval;
  readonly span: InEffectSpan;
}

/** The communes of the obligation the span's territory reaches; a whole-département obligation is reached by any territory in it. */
const reaches = (span: InEffectSpan, territory: Territory, commune?: string) =>
  span.terms.territory.departement === territory.departement &&
  (commune === undefined || span.terms.territory.communes.length === 0 || span.terms.territory.communes.includes(commune));

const servingSpans = (mandate: CoverageMandate, obligation: ComplianceObligation, linkedFrom: CalendarDate, horizon: CalendarDate): Serving[] =>
  mandate.inEffect.flatMap((span) => {
    const interval = { from: later(linkedFrom, span.from), to: earliest(horizon, span.to)! };
    const withMission = span.terms.missions.some(({ type }) => type === obligation.missionType);
    const onTerritory = obligation.territory.communes.length === 0
      ? reaches(span, obligation.territory)
      : obligation.territory.communes.some((commune) => reaches(span, obligation.territory, commune));
    return withMission && onTerritory && nonEmpty(interval) ? [{ interval, span }] : [];
  });

/** Every commune of the obligation served on the same day (the département when it names none). */
const wholeTerritoryServed = (servings: readonly Serving[], territory: Territory): DateInterval[] =>
  territory.communes.length === 0
    ? mergeIntervals(servings.map(({ interval }) => interval))
    : territory.communes
        .map((commune) => mergeIntervals(servings.filter(({ span }) => reaches(span, territory, commune)).map(({ interval }) => interval)))
        .reduce((covered, byCommune) => intersectIntervals(covered, byCommune));

const indicatorTotals = (
  reports: readonly { readonly report: ActivityReport; readonly servings: readonly Serving[] }[],
  obligation: ComplianceObligation,
  period: DateInterval,
): IndicatorTotal[] => {
  const totals = new Map<string, IndicatorTotal>();
  for (const { report, servings } of reports) {
    const reported = { from: report.periodStart, to: report.periodEnd };
    // The report counts through the serving days it shares with the period (three intervals overlapping pairwise share a day).
    const declared = new Map<string, string>();
    for (const { interval, span } of servings)
      if (overlaps(interval, reported) && overlaps(interval, period) && overlaps(reported, period))
        for (const mission of span.terms.missions)
          if (mission.type === obligation.missionType) for (const { name, unit } of mission.indicators) declared.set(name, unit);
    const extendsBeyondPeriod = isBefore(report.periodStart, period.from) || isAfter(report.periodEnd, period.to);
    for (const { name, value } of report.indicators) {
      const unit = declared.get(name);
      if (unit === undefined) continue;
      const key = JSON.stringify([name, unit]);
      const total = totals.get(key) ?? { name, unit, total: 0, reports: 0, extendsBeyondPeriod: false };
      totals.set(key, { ...total, total: total.total + value, reports: total.reports + 1, extendsBeyondPeriod: total.extendsBeyondPeriod || extendsBeyondPeriod });
    }
  }
  return [...totals.values()].sort((a, b) => (a.name === b.name ? a.unit.localeCompare(b.unit) : a.name.localeCompare(b.name)));
};

const obligationCoverage = (
  complianceCase: OpenedComplianceCase,
  obligation: ComplianceObligation,
  mandates: ReadonlyMap<MandateId, CoverageMandate>,
  period: DateInterval,
): ObligationCoverage => {
  const { to } = period;
  const known = (date: CalendarDate | undefined) => (date !== undefined && !isAfter(date, to) ? date : undefined);
  const supersededOn = known(obligation.supersededBy?.on) ?? null;
  const closedOn = complianceCase.status === 'closed' ? known(complianceCase.closedOn) : undefined;
  // The last day the obligation counts: the day before its supersession, the closure of the case, the end of the period.
  const horizon = earliest(to, supersededOn === null ? null : addDays(supersededOn, -1), closedOn)!;

  const linked = obligation.measures.map((measure) => {
    const mandate = mandates.get(measure.mandateId);
    if (mandate === undefined) throw new RangeError(`mandate ${measure.mandateId} is linked to obligation ${obligation.obligationId} but was not given`);
    return { measure, mandate, servings: servingSpans(mandate, obligation, measure.effectiveFrom, horizon) };
  });
  const allServings = linked.flatMap(({ servings }) => servings);
  const coveredEver = wholeTerritoryServed(allServings, obligation.territory);
  const covered = intersectIntervals(coveredEver, [period]);

  const notification = deadlineOf(complianceCase, obligation);
  const notifiedOn = known(notification?.notifiedOn) ?? null;
  const deadline = notifiedOn === null ? null : notification!.deadline;
  const standings = obligation.assessments.filter(({ on }) => !isAfter(on, to));
  const firstMeasureInEffectOn = coveredEver[0]?.from ?? null;
  const satisfiedOn = standings.find(({ kind }) => kind === 'satisfied')?.on ?? null;
  const implementedOn = earliest(firstMeasureInEffectOn, satisfiedOn);
  const lateUntil = earliest(implementedOn, horizon)!;
  const daysLate = deadline === null ? 0 : Math.max(0, daysBetween(deadline, lateUntil));

  const gapWindow = firstMeasureInEffectOn === null ? undefined : { from: later(firstMeasureInEffectOn, period.from), to: horizon };
  const gaps = gapWindow !== undefined && nonEmpty(gapWindow) ? gapsWithin(coveredEver, gapWindow) : [];

  const measures = linked.map(({ measure, mandate, servings }) => {
    const fromLink = { from: later(measure.effectiveFrom, period.from), to: horizon };
    return {
      mandateId: measure.mandateId,
      effectiveFrom: measure.effectiveFrom,
      inEffect: intersectIntervals(mergeIntervals(servings.map(({ interval }) => interval)), [period]),
      suspended: nonEmpty(fromLink) ? intersectIntervals(mandate.suspended, [fromLink]) : [],
    };
  });

  const reports = linked.flatMap(({ mandate, servings }) => mandate.activityReports.map((report) => ({ report, servings })));

  const lastStanding = standings.at(-1);
  const status: ObligationStatus =
    supersededOn !== null ? 'superseded'
    : lastStanding?.kind === 'contested' ? 'contested'
    : implementedOn !== null ? (deadline === null || !isAfter(implementedOn, deadline) ? 'implemented' : 'implemented_late')
    : obligation.measures.some(({ effectiveFrom }) => !isAfter(effectiveFrom, to)) ? 'in_progress'
    : 'not_started';

  return {
    obligationId: obligation.obligationId,
    article: obligation.article,
    missionType: obligation.missionType,
    territory: obligation.territory,
    notifiedOn,
    deadline,
    firstMeasureInEffectOn,
    satisfiedOn,
    implementedOn,
    daysLate,
    penaltyPerDayCents: obligation.penaltyPerDayCents,
    penaltyExposureCents: daysLate * obligation.penaltyPerDayCents,
    covered,
    gaps,
    coveredAtEnd: covered.some(({ to: last }) => last === to),
    measures,
    indicators: indicatorTotals(reports, obligation, period),
    supersededOn,
    status,
  };
};

/**
 * The coverage of every obligation ordered on or before `to`, in the order they were added. Pure:
 * the same events give the same figures, so a report can be recomputed from its evidence bundle.
 *
 * - A linked mandate serves the obligation on a day when it is active that day (status `active`:
 *   not pending, suspended, expired, terminated nor completed), the day is on or after the link's
 *   `effectiveFrom`, its missions then in force include the obligation's mission type, and its
 *   territory then in force reaches the obligation's territory: same département, and the commune
 *   listed (a mandate naming no commune reaches every commune of its département).
 * - The obligation is covered on a day when each of its communes is served by some linked mandate
 *   (any serving mandate of the département when the obligation names no commune), and the day is
 *   before its supersession and not after the closure of the case.
 * - The deadline is the notification of the ordering decision plus `deadlineDays`, the last day to
 *   comply; none while that decision is not notified. `implementedOn` is the earlier of the first
 *   covered day and the first recorded satisfaction, whatever the period's start.
 * - `daysLate` = days from the deadline to `implementedOn`, or to the last day the obligation counts
 *   (`to`, the day before its supersession or the closure, the earliest) when not implemented; 0 when
 *   not after the deadline or without a deadline. Penalty exposure = `daysLate` × penalty per day.
 * - `gaps`: uncovered days from the first covered day (or `from`, the later) to that last day.
 * - Indicators: an activity report of a mandate counts when its period shares a day with the days
 *   that mandate served the obligation within `period`; of it, the indicators declared under the
 *   obligation's mission type by the serving terms count, each whole (a report's value is not
 *   prorated), summed per name and unit. Final reports (mission completed) never count: their
 *   values cover the whole mandate and would count twice.
 */
export const complianceCoverage = ({ complianceCase, mandates, period }: CoverageInput): ComplianceCoverage => {
  const from = requireDate(period.from, 'period.from');
  const to = requireDate(period.to, 'period.to');
  if (isBefore(to, from)) throw invalidPeriod('period', from, to);
  const byId = new Map(mandates.map((mandate) => [mandate.mandateId, mandate]));
  return {
    complianceCaseId: complianceCase.complianceCaseId,
    period: { from, to },
    obligations: complianceCase.obligations
      .filter(({ orderedOn }) => !isAfter(orderedOn, to))
      .map((obligation) => obligationCoverage(complianceCase, obligation, byId, { from, to })),
  };
};
