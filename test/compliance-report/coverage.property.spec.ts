import fc from 'fast-check';
import {
  addDays,
  type CalendarDate,
  type ComplianceCaseEvent,
  complianceCaseDecider,
  complianceCoverage,
  type CoverageMandate,
  coverageMandateOf,
  DAY_STANDINGS,
  type DateInterval,
  daysBetween,
  daysIn,
  fold,
  isAfter,
  type MandateEvent,
  type ObligationCoverage,
  type OpenedComplianceCase,
} from '@mandate-ledger/domain';
import {
  appealDecided,
  caseClosed,
  caseOpened,
  contested,
  measureLinked,
  notified,
  obligationAdded,
  satisfied,
} from '../../libs/domain/src/testing/compliance-case.fixtures';
import { granted, reinstated, suspended, terminated } from '../../libs/domain/src/testing/mandate.fixtures';

// Properties of the day-by-day coverage for any generated case: an obligation of the Lille order
// (decided 26 June 2017), maybe notified, one-off or continuing, with up to three linked mandates
// (on the territory or off it, suspended, terminated), standings, a supersession or a closure.
// Every day of the period has exactly one standing, so the days add up, and every figure is read
// from that one series.

const ORDER_DATE = '2017-06-26';
const day = (offset: number): CalendarDate => addDays(ORDER_DATE, offset);
const total = (intervals: readonly DateInterval[]) => intervals.reduce((sum, interval) => sum + daysIn(interval), 0);

interface GeneratedMandate {
  readonly start: number;
  readonly length: number;
  readonly linkedAfter: number;
  readonly onTerritory: boolean;
  readonly suspensions: readonly { readonly after: number; readonly length: number }[];
  readonly terminatedAfter: number | null;
}

const mandateArbitrary: fc.Arbitrary<GeneratedMandate> = fc.record({
  start: fc.integer({ min: -30, max: 400 }),
  length: fc.integer({ min: 0, max: 400 }),
  linkedAfter: fc.integer({ min: 0, max: 60 }),
  onTerritory: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
  suspensions: fc.array(fc.record({ after: fc.integer({ min: 1, max: 90 }), length: fc.integer({ min: 1, max: 30 }) }), { maxLength: 2 }),
  terminatedAfter: fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
});

interface GeneratedCase {
  readonly notifiedAfter: number | null;
  readonly deadlineDays: number;
  readonly oneOff: boolean;
  readonly penaltyStartsAfter: number | null;
  readonly mandates: readonly GeneratedMandate[];
  readonly standings: readonly number[];
  readonly supersededAfter: number | null;
  readonly closedAfter: number | null;
  readonly period: { readonly from: number; readonly length: number };
}

const caseArbitrary: fc.Arbitrary<GeneratedCase> = fc.record({
  notifiedAfter: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null, freq: 6 }),
  deadlineDays: fc.integer({ min: 0, max: 40 }),
  oneOff: fc.boolean(),
  penaltyStartsAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  mandates: fc.array(mandateArbitrary, { maxLength: 3 }),
  standings: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 4 }), weight: 1 }),
  supersededAfter: fc.option(fc.integer({ min: 35, max: 500 }), { nil: null, freq: 4 }),
  closedAfter: fc.option(fc.integer({ min: 35, max: 600 }), { nil: null, freq: 4 }),
  period: fc.record({ from: fc.integer({ min: -10, max: 300 }), length: fc.integer({ min: 0, max: 500 }) }),
});

/** The mandate's events: a grant in Calais (or Boulogne, off the territory), suspensions each lifted, maybe a termination. */
const mandateOf = (id: string, m: GeneratedMandate): { mandate: CoverageMandate; link: ComplianceCaseEvent } => {
  const events: MandateEvent[] = [
    granted({ mandateId: id, period: { start: day(m.start), end: day(m.start + m.length) }, territory: { departement: '62', communes: [m.onTerritory ? '62193' : '62160'] } }),
  ];
  let at = m.start;
  for (const { after, length } of m.suspensions) {
    at += after;
    if (at + length > m.start + m.length) break;
    events.push(suspended({ mandateId: id, effectiveFrom: day(at) }), reinstated({ mandateId: id, effectiveFrom: day(at + length) }));
    at += length;
  }
  if (m.terminatedAfter !== null && m.start + m.terminatedAfter <= m.start + m.length)
    events.push(terminated({ mandateId: id, effectiveFrom: day(Math.max(at + 1, m.start + m.terminatedAfter)) }));
  // Links are never before the order: the decider refuses them.
  const link = measureLinked({ mandateId: id, effectiveFrom: day(Math.max(0, m.start + m.linkedAfter)) });
  return { mandate: coverageMandateOf(events)!, link };
};

const build = (generated: GeneratedCase) => {
  const mandates = generated.mandates.map((m, i) => mandateOf(`mandate-${i}`, m));
  const events: ComplianceCaseEvent[] = [
    caseOpened(),
    obligationAdded({
      deadlineDays: generated.deadlineDays,
      oneOff: generated.oneOff,
      ...(generated.penaltyStartsAfter !== null && { penaltyStartsOn: day(generated.penaltyStartsAfter) }),
    }),
    ...(generated.notifiedAfter === null ? [] : [notified({ notifiedOn: day(generated.notifiedAfter) })]),
    ...mandates.map(({ link }) => link),
  ];
  // Standings alternate, satisfied first, in date order.
  let at = 0;
  generated.standings.forEach((after, i) => {
    at += after;
    events.push(i % 2 === 0 ? satisfied({ satisfiedOn: day(at) }) : contested({ contestedOn: day(at) }));
  });
  if (generated.supersededAfter !== null) events.push(appealDecided({ decisionDate: day(generated.supersededAfter), outcome: 'modified', supersedes: ['art-2-maraude'] }));
  if (generated.closedAfter !== null) events.push(caseClosed({ closedOn: day(generated.closedAfter) }));
  const period = { from: day(generated.period.from), to: day(generated.period.from + generated.period.length) };
  return { complianceCase: fold(complianceCaseDecider, events) as OpenedComplianceCase, mandates: mandates.map(({ mandate }) => mandate), period };
};

const coverageOf = (generated: GeneratedCase, period?: DateInterval): ObligationCoverage | undefined => {
  const input = build(generated);
  return complianceCoverage({ ...input, period: period ?? input.period }).obligations[0];
};

const RUNS = { numRuns: 300, seed: 20170703 };

describe('the day-by-day coverage of any case', () => {
  it('tells each day of the period once: days late, covered, not yet due, satisfied, done, superseded and closed add up to its days', () =>
    fc.assert(
      fc.property(caseArbitrary, (generated) => {
        const { period } = build(generated);
        const coverage = coverageOf(generated);
        if (coverage === undefined) return isAfter(ORDER_DATE, period.to);
        const { days, series } = coverage;
        expect(DAY_STANDINGS.reduce((sum, standing) => sum + days[standing], 0)).toBe(daysIn(period));
        expect(days.late + days.covered + days.not_due + days.satisfied + days.done + days.superseded + days.closed).toBe(daysIn(period));
        // The runs tile the period, one after the other.
        expect(series[0].from).toBe(period.from);
        expect(series.at(-1)!.to).toBe(period.to);
        series.slice(1).forEach((run, i) => expect(daysBetween(series[i].to, run.from)).toBe(1));
        return true;
      }),
      RUNS,
    ));

  it('derives gaps, covered intervals, days late and the penalty from that one series', () =>
    fc.assert(
      fc.property(caseArbitrary, (generated) => {
        const coverage = coverageOf(generated);
        if (coverage === undefined) return true;
        expect(total(coverage.gaps)).toBe(coverage.days.late);
        expect(total(coverage.covered)).toBe(coverage.days.covered);
        // Days late count from the deadline, the period's start aside: at least those of the period.
        expect(coverage.daysLate).toBeGreaterThanOrEqual(coverage.days.late);
        expect(coverage.penaltyDays).toBeLessThanOrEqual(coverage.daysLate);
        expect(coverage.penaltyExposureCents).toBe(coverage.penaltyDays * coverage.penaltyPerDayCents);
        if (coverage.deadline === null) expect(coverage.daysLate).toBe(0);
        else for (const gap of coverage.gaps) expect(isAfter(gap.from, coverage.deadline)).toBe(true);
        return true;
      }),
      RUNS,
    ));

  it('counts the same days late whatever the start of the period', () =>
    fc.assert(
      fc.property(caseArbitrary, fc.integer({ min: -10, max: 400 }), (generated, otherStart) => {
        const { period } = build(generated);
        const from = day(otherStart);
        if (isAfter(from, period.to)) return true;
        const one = coverageOf(generated);
        const other = coverageOf(generated, { from, to: period.to });
        if (one === undefined || other === undefined) return true;
        expect([other.daysLate, other.penaltyDays, other.status]).toEqual([one.daysLate, one.penaltyDays, one.status]);
        return true;
      }),
      RUNS,
    ));

  it('has no day of non-execution after a one-off obligation is implemented', () =>
    fc.assert(
      fc.property(caseArbitrary, (generated) => {
        const coverage = coverageOf({ ...generated, oneOff: true });
        if (coverage === undefined || coverage.implementedOn === null) return true;
        for (const gap of coverage.gaps) expect(isAfter(gap.to, coverage.implementedOn)).toBe(false);
        return true;
      }),
      RUNS,
    ));

  it('never counts more days late when one more mandate serves the obligation', () =>
    fc.assert(
      fc.property(caseArbitrary, mandateArbitrary, (generated, extra) => {
        const without = coverageOf(generated);
        const withMore = coverageOf({ ...generated, mandates: [...generated.mandates, { ...extra, onTerritory: true }] });
        if (without === undefined || withMore === undefined) return true;
        expect(withMore.daysLate).toBeLessThanOrEqual(without.daysLate);
        expect(withMore.days.covered).toBeGreaterThanOrEqual(without.days.covered);
        return true;
      }),
      RUNS,
    ));
});
