import { DateInterval, daysIn, intersectIntervals, mergeIntervals, overlaps } from '../shared/date-intervals';
import { addDays, CalendarDate, daysBetween, isAfter, isBefore } from '../shared/dates';
import { fold } from '../shared/decider';
import { invalidPeriod } from '../shared/domain-error';
import { MandateId, ObligationId } from '../shared/ids';
import { requireDate } from '../shared/validation';
import { mandateDecider } from '../mandates/mandate.decider';
import { MandateEvent } from '../mandates/mandate.events';
import { InEffectSpan, inEffectSpans, suspendedIntervals } from '../mandates/mandate.state';
import { Indicator, IndicatorKind, IndicatorValue, MissionType, RatePeriod, Site, Territory } from '../mandates/mandate.terms';
import {
  ComplianceObligation,
  deadlineOf,
  Liquidation,
  OpenedComplianceCase,
  penaltyGroupOf,
  penaltyStartOf,
} from './compliance-case.state';
import { PenaltyScope } from './compliance-case.terms';

/*
 * Everything here is read "as of `to`": facts dated after the end of the period (a notification,
 * a standing, a supersession, a closure, a liquidation, a measure's start) are not yet facts.
 * Which events are known at all is the caller's business: for a report `asKnownAt` an instant,
 * keep only the events recorded up to it (case and mandates alike) before folding them.
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

/** From the events of one mandate stream, in their latest shape; undefined when they hold no grant. */
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
 * What one day is for an obligation, the first that applies:
 * - `superseded`: on or after the day an appellate decision or a later obligation replaced it;
 * - `closed`: on or after the day the case was closed;
 * - `covered`: a linked measure in effect serves the whole of it (see {@link complianceCoverage});
 * - `satisfied`: the last standing recorded on or before the day is a satisfaction;
 * - `not_due`: on or before the deadline, or while the ordering decision is not notified;
 * - `done`: a one-off obligation, implemented on or before the day;
 * - `late`: a day of non-execution, strictly after the deadline.
 */
export type DayStanding = 'not_due' | 'covered' | 'satisfied' | 'done' | 'late' | 'superseded' | 'closed';

export const DAY_STANDINGS: readonly DayStanding[] = ['not_due', 'covered', 'satisfied', 'done', 'late', 'superseded', 'closed'];

/** Consecutive days of one standing; `contested` when the last standing recorded on them is a contestation. */
export interface DayRun extends DateInterval {
  readonly standing: DayStanding;
  readonly contested: boolean;
}

/**
 * The standing of an obligation at the end of the period, the first that applies:
 * - `superseded`: an appellate decision or a later obligation replaced or annulled it, on or before `to`;
 * - `contested`: the last standing recorded on or before `to` is a contestation;
 * - `in_progress`: never implemented, but a mandate is linked to it from a date on or before `to`
 *   (not yet in effect, on part of the territory or of its sites only, or outside them);
 * - `not_started`: never implemented and nothing linked;
 * - `lapsed`: a continuing obligation once implemented, in non-execution on its last day in force
 *   (a suspension, a mandate that ended or was completed, and nothing took over);
 * - `implemented`: implemented (`implementedOn`) on or before its deadline, or before any deadline ran;
 * - `implemented_late`: implemented after its deadline.
 */
export type ObligationStatus = 'not_started' | 'in_progress' | 'implemented' | 'implemented_late' | 'lapsed' | 'contested' | 'superseded';

/** One linked mandate as a bar of the timeline, within the period. */
export interface MeasureCoverage {
  readonly mandateId: MandateId;
  readonly effectiveFrom: CalendarDate;
  /** The days it served the obligation: in effect, from the link on, with the mission, on its territory or sites. */
  readonly inEffect: readonly DateInterval[];
  /** The days it was suspended, from the link on, while the obligation was in force. */
  readonly suspended: readonly DateInterval[];
}

/**
 * One indicator (name, unit, kind) over the activity reports that count, aggregated as its kind
 * says: counts summed, the last stock, rates averaged weighted by the days each report covers.
 * Values and targets are rounded to hundredths, attainment (value / target) to ten-thousandths.
 */
export interface IndicatorSummary {
  readonly name: string;
  /** The French label declared with it, else its name. */
  readonly label: string;
  readonly unit: string;
  readonly kind: IndicatorKind;
  readonly per: RatePeriod | null;
  readonly value: number;
  /** For counts, the sum of each mandate's target; for a stock, that of the last report's terms; for rates, averaged as the values. */
  readonly target: number;
  /** `value / target`; null when the target is 0. */
  readonly attainment: number | null;
  readonly reports: number;
  /** The last day of the latest report counted: the day a stock stood at `value`. */
  readonly lastReportEnd: CalendarDate;
  /** Some report counted runs beyond the period: its whole value is in the figure. */
  readonly extendsBeyondPeriod: boolean;
}

export interface ObligationCoverage {
  readonly obligationId: ObligationId;
  readonly article: string;
  readonly missionType: MissionType;
  readonly territory: Territory;
  readonly oneOff: boolean;
  readonly notifiedOn: CalendarDate | null;
  /** The last day to comply: the notification plus the deadline days. */
  readonly deadline: CalendarDate | null;
  /** The first day the whole territory (or every site named) was served, whatever the period's start. */
  readonly firstMeasureInEffectOn: CalendarDate | null;
  /** The first day it was recorded as satisfied. */
  readonly satisfiedOn: CalendarDate | null;
  /** The earlier of the two above. */
  readonly implementedOn: CalendarDate | null;
  /** Days of non-execution (`late`) from the deadline through `to`, whatever the period's start. */
  readonly daysLate: number;
  /** The penalty it runs under (see {@link PenaltyExposure}); null when the court set none. */
  readonly penaltyId: string | null;
  readonly penaltyScope: PenaltyScope;
  readonly penaltyPerDayCents: number;
  /** The first day the penalty runs: the date the order sets, else the day after the deadline. */
  readonly penaltyStartsOn: CalendarDate | null;
  /** Its days late on or after `penaltyStartsOn`. */
  readonly penaltyDays: number;
  /** `penaltyDays` × the amount a day for a penalty of its own; null when shared (see the case's penalties). */
  readonly penaltyExposureCents: number | null;
  /** Every day of the period, as runs. */
  readonly series: readonly DayRun[];
  /** Days of the period by standing: they add up to the days of the period. */
  readonly days: Readonly<Record<DayStanding, number>>;
  /** Days of the period whose last standing recorded is a contestation (of any standing above). */
  readonly contestedDays: number;
  /** Days of the period covered, merged. */
  readonly covered: readonly DateInterval[];
  /** Days of the period in non-execution (`late`), merged: from the first due day on, covered or not before. */
  readonly gaps: readonly DateInterval[];
  /** Whether the last day of the period was covered. */
  readonly coveredAtEnd: boolean;
  readonly measures: readonly MeasureCoverage[];
  readonly indicators: readonly IndicatorSummary[];
  readonly supersededOn: CalendarDate | null;
  readonly status: ObligationStatus;
}

/**
 * One penalty as the order sets it, for its obligations: the days any of them was in
 * non-execution on or after its start count once. `incurredCents` is the maximum incurred before
 * liquidation (days × amount a day); liquidations are the judge's decisions on it.
 */
export interface PenaltyExposure {
  readonly penaltyId: string;
  readonly scope: PenaltyScope;
  /** The first case number of the decision that orders it. */
  readonly decision: string;
  /** For a penalty per article. */
  readonly article: string | null;
  readonly obligationIds: readonly ObligationId[];
  readonly perDayCents: number;
  /** The earliest start of its obligations'; null while none runs. */
  readonly startsOn: CalendarDate | null;
  /** Through `to`, whatever the period's start. */
  readonly penaltyDays: number;
  readonly incurredCents: number;
  /** Liquidations dated on or before `to`, in date order. */
  readonly liquidations: readonly Liquidation[];
  readonly liquidatedCents: number;
  readonly stateShareCents: number;
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
  /** One per penalty of a non-zero amount, in the order of their first obligation. */
  readonly penalties: readonly PenaltyExposure[];
}

const earliest = (...dates: (CalendarDate | null | undefined)[]): CalendarDate | null =>
  dates.reduce<CalendarDate | null>((min, date) => (date == null ? min : min === null || isBefore(date, min) ? date : min), null);
const later = (a: CalendarDate, b: CalendarDate) => (isAfter(a, b) ? a : b);
const nonEmpty = ({ from, to }: DateInterval) => !isAfter(from, to);
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Site labels compare without case, accents nor extra spaces: `Secteur Est` is `secteur  est`. */
const labelKey = (label: string) =>
  label.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** A mandate's site is the obligation's when the labels match and, both located, the communes too. */
const sameSite = (wanted: Site, offered: Site) =>
  labelKey(wanted.name) === labelKey(offered.name) && (wanted.commune === undefined || offered.commune === undefined || wanted.commune === offered.commune);

/** A span of a mandate serving the obligation: clipped to the link and the obligation's time in force. */
interface Serving {
  readonly interval: DateInterval;
  readonly span: InEffectSpan;
}

/** Whether the span's territory reaches a commune of the obligation; a mandate naming no commune reaches every commune of its département. */
const reaches = (span: InEffectSpan, territory: Territory, commune?: string) =>
  span.terms.territory.departement === territory.departement &&
  (commune === undefined || span.terms.territory.communes.length === 0 || span.terms.territory.communes.includes(commune));

/** Whether the span names the site, in the obligation's département. */
const servesSite = (span: InEffectSpan, territory: Territory, site: Site) =>
  span.terms.territory.departement === territory.departement && (span.terms.territory.sites ?? []).some((offered) => sameSite(site, offered));

const sitesOf = (territory: Territory): readonly Site[] => territory.sites ?? [];

const servingSpans = (mandate: CoverageMandate, obligation: ComplianceObligation, linkedFrom: CalendarDate, lastInForce: CalendarDate): Serving[] =>
  mandate.inEffect.flatMap((span) => {
    const interval = { from: later(linkedFrom, span.from), to: earliest(lastInForce, span.to)! };
    const { territory } = obligation;
    const withMission = span.terms.missions.some(({ type }) => type === obligation.missionType);
    const onTerritory =
      sitesOf(territory).length > 0 ? sitesOf(territory).some((site) => servesSite(span, territory, site))
      : territory.communes.length === 0 ? reaches(span, territory)
      : territory.communes.some((commune) => reaches(span, territory, commune));
    return withMission && onTerritory && nonEmpty(interval) ? [{ interval, span }] : [];
  });

/** Days every site of the obligation is served, else every commune (the département when it names none). */
const wholeTerritoryServed = (servings: readonly Serving[], territory: Territory): DateInterval[] => {
  const served = (by: (serving: Serving) => boolean) => mergeIntervals(servings.filter(by).map(({ interval }) => interval));
  const parts =
    sitesOf(territory).length > 0 ? sitesOf(territory).map((site) => served(({ span }) => servesSite(span, territory, site)))
    : territory.communes.length > 0 ? territory.communes.map((commune) => served(({ span }) => reaches(span, territory, commune)))
    : [served(() => true)];
  return parts.reduce((covered, part) => intersectIntervals(covered, part));
};

interface Reported {
  readonly mandateId: MandateId;
  readonly report: ActivityReport;
  readonly value: number;
  readonly declared: Indicator;
  readonly order: number;
}

const summaryOf = (entries: readonly Reported[], period: DateInterval): IndicatorSummary => {
  const byEnd = [...entries].sort((a, b) => daysBetween(b.report.periodEnd, a.report.periodEnd) || a.order - b.order);
  const last = byEnd.at(-1)!;
  const { name, unit, kind } = last.declared;
  const weighted = (of: (entry: Reported) => number) =>
    entries.reduce((sum, entry) => sum + of(entry) * daysIn({ from: entry.report.periodStart, to: entry.report.periodEnd }), 0) /
    entries.reduce((sum, entry) => sum + daysIn({ from: entry.report.periodStart, to: entry.report.periodEnd }), 0);
  // A count's target is over its mandate's period: one target a mandate, its last declared.
  const targetsByMandate = new Map(byEnd.map((entry) => [entry.mandateId, entry.declared.target]));
  const [value, target] =
    kind === 'count' ? [entries.reduce((sum, entry) => sum + entry.value, 0), [...targetsByMandate.values()].reduce((a, b) => a + b, 0)]
    : kind === 'stock' ? [last.value, last.declared.target]
    : [weighted((entry) => entry.value), weighted((entry) => entry.declared.target)];
  return {
    name,
    label: last.declared.label ?? name,
    unit,
    kind,
    per: last.declared.per ?? null,
    value: round(value, 2),
    target: round(target, 2),
    attainment: target === 0 ? null : round(value / target, 4),
    reports: entries.length,
    lastReportEnd: last.report.periodEnd,
    extendsBeyondPeriod: entries.some(({ report }) => isBefore(report.periodStart, period.from) || isAfter(report.periodEnd, period.to)),
  };
};

const indicatorSummaries = (
  linked: readonly { readonly mandate: CoverageMandate; readonly servings: readonly Serving[] }[],
  obligation: ComplianceObligation,
  period: DateInterval,
): IndicatorSummary[] => {
  const groups = new Map<string, Reported[]>();
  let order = 0;
  for (const { mandate, servings } of linked)
    for (const report of mandate.activityReports) {
      const reported = { from: report.periodStart, to: report.periodEnd };
      // The report counts through the serving days it shares with the period (three intervals overlapping pairwise share a day);
      // the terms of the last such span declare its indicators.
      const declared = new Map<string, Indicator>();
      for (const { interval, span } of servings)
        if (overlaps(interval, reported) && overlaps(interval, period) && overlaps(reported, period))
          for (const mission of span.terms.missions)
            if (mission.type === obligation.missionType) for (const indicator of mission.indicators) declared.set(indicator.name, indicator);
      for (const { name, value } of report.indicators) {
        const indicator = declared.get(name);
        if (indicator === undefined) continue;
        const key = JSON.stringify([name, indicator.unit, indicator.kind, indicator.per ?? null]);
        groups.set(key, [...(groups.get(key) ?? []), { mandateId: mandate.mandateId, report, value, declared: indicator, order: order++ }]);
      }
    }
  return [...groups.values()]
    .map((entries) => summaryOf(entries, period))
    .sort((a, b) => (a.name === b.name ? a.unit.localeCompare(b.unit) || a.kind.localeCompare(b.kind) : a.name.localeCompare(b.name)));
};

/** Consecutive days of equal standing, merged. */
const runsOf = (standings: readonly { readonly standing: DayStanding; readonly contested: boolean }[], from: CalendarDate): DayRun[] => {
  const runs: DayRun[] = [];
  standings.forEach(({ standing, contested }, i) => {
    const day = addDays(from, i);
    const last = runs.at(-1);
    if (last !== undefined && last.standing === standing && last.contested === contested) runs[runs.length - 1] = { ...last, to: day };
    else runs.push({ from: day, to: day, standing, contested });
  });
  return runs;
};

/** Everything about one obligation, with the dates of its penalty days for the case's penalties. */
interface ObligationFigures {
  readonly coverage: ObligationCoverage;
  readonly penaltyDates: readonly CalendarDate[];
}

const obligationFigures = (
  complianceCase: OpenedComplianceCase,
  obligation: ComplianceObligation,
  mandates: ReadonlyMap<MandateId, CoverageMandate>,
  period: DateInterval,
): ObligationFigures => {
  const { to } = period;
  const known = (date: CalendarDate | undefined) => (date !== undefined && !isAfter(date, to) ? date : undefined);
  const supersededOn = known(obligation.supersededBy?.on) ?? null;
  const closedOn = (complianceCase.status === 'closed' ? known(complianceCase.closedOn) : undefined) ?? null;
  // The last day the obligation counts: the day before its supersession or the case's closure, or the end of the period.
  const lastInForce = earliest(to, supersededOn === null ? null : addDays(supersededOn, -1), closedOn === null ? null : addDays(closedOn, -1))!;

  const linked = obligation.measures.map((measure) => {
    const mandate = mandates.get(measure.mandateId);
    if (mandate === undefined) throw new RangeError(`mandate ${measure.mandateId} is linked to obligation ${obligation.obligationId} but was not given`);
    return { measure, mandate, servings: servingSpans(mandate, obligation, measure.effectiveFrom, lastInForce) };
  });
  const coveredEver = wholeTerritoryServed(linked.flatMap(({ servings }) => servings), obligation.territory);

  const notification = deadlineOf(complianceCase, obligation);
  const notifiedOn = known(notification?.notifiedOn) ?? null;
  const deadline = notifiedOn === null ? null : notification!.deadline;
  const standings = obligation.assessments.filter(({ on }) => !isAfter(on, to));
  const firstMeasureInEffectOn = coveredEver[0]?.from ?? null;
  const satisfiedOn = standings.find(({ kind }) => kind === 'satisfied')?.on ?? null;
  const implementedOn = earliest(firstMeasureInEffectOn, satisfiedOn);
  const penaltyStartsOn = notifiedOn === null && obligation.penaltyStartsOn === undefined ? null : (penaltyStartOf(complianceCase, obligation) ?? null);

  // The series runs from the notification (or the period's start, the earlier) to `to`: every day late lies in it.
  const seriesFrom = earliest(period.from, notifiedOn)!;
  const length = daysBetween(seriesFrom, to) + 1;
  const covered = new Array<boolean>(length).fill(false);
  for (const interval of intersectIntervals(coveredEver, [{ from: seriesFrom, to }]))
    covered.fill(true, daysBetween(seriesFrom, interval.from), daysBetween(seriesFrom, interval.to) + 1);
  const day = (i: number) => addDays(seriesFrom, i);
  const offsetOf = (date: CalendarDate | null) => (date === null ? Infinity : daysBetween(seriesFrom, date));
  const [supersededAt, closedAt, deadlineAt, implementedAt] = [supersededOn, closedOn, deadline, implementedOn].map(offsetOf);
  const standingAt = standings.map(({ kind, on }) => ({ kind, at: daysBetween(seriesFrom, on) }));

  let assessed = -1;
  const daily = Array.from({ length }, (_, i) => {
    while (assessed + 1 < standingAt.length && standingAt[assessed + 1].at <= i) assessed++;
    const lastStanding = standingAt[assessed]?.kind;
    const standing: DayStanding =
      i >= supersededAt ? 'superseded'
      : i >= closedAt ? 'closed'
      : covered[i] ? 'covered'
      : lastStanding === 'satisfied' ? 'satisfied'
      : deadline === null || i <= deadlineAt ? 'not_due'
      : obligation.oneOff && i >= implementedAt ? 'done'
      : 'late';
    return { standing, contested: lastStanding === 'contested' };
  });

  const lateDates = daily.flatMap(({ standing }, i) => (standing === 'late' ? [day(i)] : []));
  const penaltyDates = penaltyStartsOn === null ? [] : lateDates.filter((date) => !isBefore(date, penaltyStartsOn));
  const inPeriod = daily.slice(daysBetween(seriesFrom, period.from));
  const series = runsOf(inPeriod, period.from);
  const days = Object.fromEntries(DAY_STANDINGS.map((standing) => [standing, inPeriod.filter((d) => d.standing === standing).length])) as Record<DayStanding, number>;
  const runsWith = (standing: DayStanding) => series.filter((run) => run.standing === standing).map(({ from, to: end }) => ({ from, to: end }));
  const merged = (standing: DayStanding) => mergeIntervals(runsWith(standing));

  const measures = linked.map(({ measure, mandate, servings }) => {
    const fromLink = { from: later(measure.effectiveFrom, period.from), to: lastInForce };
    return {
      mandateId: measure.mandateId,
      effectiveFrom: measure.effectiveFrom,
      inEffect: intersectIntervals(mergeIntervals(servings.map(({ interval }) => interval)), [period]),
      suspended: nonEmpty(fromLink) ? intersectIntervals(mandate.suspended, [fromLink]) : [],
    };
  });

  const lastDay = daily[daysBetween(seriesFrom, lastInForce)];
  const lastStanding = standings.at(-1);
  const status: ObligationStatus =
    supersededOn !== null ? 'superseded'
    : lastStanding?.kind === 'contested' ? 'contested'
    : implementedOn === null ? (obligation.measures.some(({ effectiveFrom }) => !isAfter(effectiveFrom, to)) ? 'in_progress' : 'not_started')
    : !obligation.oneOff && lastDay?.standing === 'late' ? 'lapsed'
    : deadline === null || !isAfter(implementedOn, deadline) ? 'implemented'
    : 'implemented_late';

  const ownPenalty = obligation.penaltyPerDayCents > 0;
  const group = penaltyGroupOf(complianceCase, obligation);
  return {
    penaltyDates,
    coverage: {
      obligationId: obligation.obligationId,
      article: obligation.article,
      missionType: obligation.missionType,
      territory: obligation.territory,
      oneOff: obligation.oneOff,
      notifiedOn,
      deadline,
      firstMeasureInEffectOn,
      satisfiedOn,
      implementedOn,
      daysLate: lateDates.length,
      penaltyId: ownPenalty ? group.penaltyId : null,
      penaltyScope: obligation.penaltyScope,
      penaltyPerDayCents: obligation.penaltyPerDayCents,
      penaltyStartsOn,
      penaltyDays: penaltyDates.length,
      penaltyExposureCents: group.scope === 'obligation' ? penaltyDates.length * obligation.penaltyPerDayCents : null,
      series,
      days,
      contestedDays: inPeriod.filter(({ contested }) => contested).length,
      covered: merged('covered'),
      gaps: merged('late'),
      coveredAtEnd: inPeriod.at(-1)?.standing === 'covered',
      measures,
      indicators: indicatorSummaries(linked, obligation, period),
      supersededOn,
      status,
    },
  };
};

const penaltyExposures = (complianceCase: OpenedComplianceCase, figures: readonly ObligationFigures[], to: CalendarDate): PenaltyExposure[] => {
  const groups = new Map<string, ObligationFigures[]>();
  for (const figure of figures)
    if (figure.coverage.penaltyId !== null) groups.set(figure.coverage.penaltyId, [...(groups.get(figure.coverage.penaltyId) ?? []), figure]);
  return [...groups.entries()].map(([penaltyId, members]) => {
    const [first] = members;
    const obligation = complianceCase.obligations.find(({ obligationId }) => obligationId === first.coverage.obligationId)!;
    const { scope, decision, article } = penaltyGroupOf(complianceCase, obligation);
    const obligationIds = members.map(({ coverage }) => coverage.obligationId);
    const penaltyDays = new Set(members.flatMap(({ penaltyDates }) => penaltyDates)).size;
    const liquidations = complianceCase.liquidations
      .filter(({ obligationId, liquidatedOn }) => obligationIds.includes(obligationId) && !isAfter(liquidatedOn, to))
      .sort((a, b) => daysBetween(b.liquidatedOn, a.liquidatedOn));
    return {
      penaltyId,
      scope,
      decision,
      article,
      obligationIds,
      perDayCents: obligation.penaltyPerDayCents,
      startsOn: earliest(...members.map(({ coverage }) => coverage.penaltyStartsOn)),
      penaltyDays,
      incurredCents: penaltyDays * obligation.penaltyPerDayCents,
      liquidations,
      liquidatedCents: liquidations.reduce((sum, { amountCents }) => sum + amountCents, 0),
      stateShareCents: liquidations.reduce((sum, { stateShareCents }) => sum + stateShareCents, 0),
    };
  });
};

/**
 * The coverage of every obligation ordered on or before `to`, in the order they were added, and
 * the penalties they run under. Pure: the same events give the same figures, so a report can be
 * recomputed from its evidence bundle. Coverage is a day-by-day fact, and every figure derives
 * from that one series ({@link DayStanding}):
 *
 * - A linked mandate serves the obligation on a day when it is active that day (status `active`:
 *   not pending, suspended, expired, terminated nor completed), the day is on or after the link's
 *   `effectiveFrom`, its missions then in force include the obligation's mission type, and its
 *   territory then in force reaches the obligation's: same département and, when the obligation
 *   names sites, one of them (label and commune); else a commune of it (a mandate naming no commune
 *   reaches every commune of its département).
 * - The obligation is covered on a day when each of its sites, else each of its communes (the
 *   département when it names none), is served by some linked mandate.
 * - Counting rule: a deadline of N days runs from the day after the notification; the last day to
 *   comply (`deadline`) is the notification plus N; none while the ordering decision is not
 *   notified. The penalty runs from the next day (or the date the order sets).
 * - A day of non-execution (`late`) is strictly after the deadline, not covered, not satisfied,
 *   before the supersession and before the closure of the case. Obligations are continuing unless
 *   recorded as one-off: a suspension, a mandate that lapses at its end, a completion after the
 *   deadline all reopen non-execution; a one-off obligation has none once implemented.
 * - `daysLate` counts those days through `to`, whatever the period's start; a penalty day is one
 *   of them on or after the penalty's start; exposure is penalty days × the amount a day, per
 *   penalty: one obligation's, an article's or a whole decision's, where a day counts once.
 * - `gaps` are the days late within the period; `covered` the days covered within it.
 * - Indicators: an activity report of a mandate counts when its period shares a day with the days
 *   that mandate served the obligation within `period`; of it, the indicators declared under the
 *   obligation's mission type by the serving terms count, each whole (a report's value is not
 *   prorated), aggregated per name, unit and kind ({@link IndicatorSummary}). Final reports
 *   (mission completed) never count: their values cover the whole mandate and would count twice.
 */
export const complianceCoverage = ({ complianceCase, mandates, period }: CoverageInput): ComplianceCoverage => {
  const from = requireDate(period.from, 'period.from');
  const to = requireDate(period.to, 'period.to');
  if (isBefore(to, from)) throw invalidPeriod('period', from, to);
  const byId = new Map(mandates.map((mandate) => [mandate.mandateId, mandate]));
  const figures = complianceCase.obligations
    .filter(({ orderedOn }) => !isAfter(orderedOn, to))
    .map((obligation) => obligationFigures(complianceCase, obligation, byId, { from, to }));
  return {
    complianceCaseId: complianceCase.complianceCaseId,
    period: { from, to },
    obligations: figures.map(({ coverage }) => coverage),
    penalties: penaltyExposures(complianceCase, figures, to),
  };
};
