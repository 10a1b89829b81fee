import { fold } from '../shared/decider';
import { MandateEvent, MandateGrant } from '../mandates/mandate.events';
import { Mission } from '../mandates/mandate.terms';
import {
  appealDecided,
  caseClosed,
  caseOpened,
  contested,
  measureLinked,
  notified,
  obligationAdded,
  penaltyLiquidated,
  satisfied,
} from '../testing/compliance-case.fixtures';
import { granted, reinstated, suspended, terminated } from '../testing/mandate.fixtures';
import { complianceCaseDecider } from './compliance-case.decider';
import { ComplianceCaseEvent, ObligationTerms } from './compliance-case.events';
import { OpenedComplianceCase } from './compliance-case.state';
import { complianceCoverage, CoverageMandate, coverageMandateOf, ObligationCoverage } from './coverage';

// The order was notified on 28 June 2017 with 10 days to comply: the notification day does not
// count, the 10 days run 29 June – 8 July, 8 July is the last day to comply, and the penalty of
// €100 a day runs from 9 July. Mandates are given as their events; for a report as known at an
// instant, the caller keeps the events recorded up to it before calling.
const YEAR_2017 = { from: '2017-06-26', to: '2017-12-31' };

const caseWith = (...events: ComplianceCaseEvent[]) =>
  fold(complianceCaseDecider, [caseOpened(), obligationAdded(), ...events]) as OpenedComplianceCase;
const caseOf = (...events: ComplianceCaseEvent[]) => fold(complianceCaseDecider, [caseOpened(), ...events]) as OpenedComplianceCase;

const mandate = (grant: Partial<MandateGrant>, ...later: MandateEvent[]): CoverageMandate =>
  coverageMandateOf([granted(grant), ...later.map((event) => ({ ...event, data: { ...event.data, mandateId: grant.mandateId ?? 'mandate-maraude' } }) as MandateEvent)])!;

/** The maraude agreement of 27 July 2017 in Calais, to 31 December. */
const maraude = (...later: MandateEvent[]) => mandate({}, ...later);
const secondMaraude = (period: { start: string; end: string }) => mandate({ mandateId: 'mandate-maraude-2', period });
const reportOf = (periodStart: string, periodEnd: string, indicators: { name: string; value: number }[]): MandateEvent => ({
  type: 'MandateActivityReported',
  schemaVersion: 1,
  data: { mandateId: 'mandate-maraude', periodStart, periodEnd, indicators, staff: { salariedFte: 6 }, fundedStaffFte: 6 },
});

const coverage = (complianceCase: OpenedComplianceCase, mandates: CoverageMandate[], period = YEAR_2017): ObligationCoverage =>
  complianceCoverage({ complianceCase, mandates, period }).obligations[0];

const figures = ({ deadline, firstMeasureInEffectOn, implementedOn, daysLate, penaltyExposureCents, status }: ObligationCoverage) =>
  ({ deadline, firstMeasureInEffectOn, implementedOn, daysLate, penaltyExposureCents, status });
const timeline = ({ covered, gaps, coveredAtEnd }: ObligationCoverage) => ({ covered, gaps, coveredAtEnd });

/** 9–26 July 2017: the days after the deadline before the maraude of 27 July. */
const JULY_LATE = { from: '2017-07-09', to: '2017-07-26' };

describe('coverage of a court obligation', () => {
  describe('deadline, delay and penalty', () => {
    it('counts the days strictly after the deadline and strictly before the first day a measure is in effect', () =>
      // 9..26 July: 18 days, €1,800.
      expect(figures(coverage(caseWith(notified(), measureLinked()), [maraude()]))).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: '2017-07-27', implementedOn: '2017-07-27',
        daysLate: 18, penaltyExposureCents: 180_000, status: 'implemented_late',
      }));

    it('counts every day after the deadline to the end of the period when the obligation was never implemented', () =>
      // 9 July – 31 December: 23 + 31 + 30 + 31 + 30 + 31 = 176 days.
      expect(figures(coverage(caseWith(notified()), []))).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: null, implementedOn: null,
        daysLate: 176, penaltyExposureCents: 1_760_000, status: 'not_started',
      }));

    it('finds a measure that started before the notification on time', () =>
      expect(figures(coverage(caseWith(notified({ notifiedOn: '2017-07-30' }), measureLinked()), [maraude()]))).toEqual({
        deadline: '2017-08-09', firstMeasureInEffectOn: '2017-07-27', implementedOn: '2017-07-27',
        daysLate: 0, penaltyExposureCents: 0, status: 'implemented',
      }));

    it('finds a measure in effect from the last day to comply on time', () =>
      expect(figures(coverage(caseWith(notified({ notifiedOn: '2017-07-17' }), measureLinked()), [maraude()]))).toMatchObject({
        deadline: '2017-07-27', daysLate: 0, status: 'implemented',
      }));

    it('runs no deadline while the order is not notified', () =>
      expect(figures(coverage(caseWith(measureLinked()), [maraude()]))).toEqual({
        deadline: null, firstMeasureInEffectOn: '2017-07-27', implementedOn: '2017-07-27', daysLate: 0, penaltyExposureCents: 0, status: 'implemented',
      }));

    it('ignores a notification dated after the period', () =>
      expect(coverage(caseWith(notified({ notifiedOn: '2017-09-01' })), [], { from: '2017-06-26', to: '2017-08-31' })).toMatchObject({
        notifiedOn: null, deadline: null, daysLate: 0, penaltyStartsOn: null, status: 'not_started',
      }));

    it('stops counting the delay on the day a satisfaction is recorded', () =>
      // 9, 10 and 11 July: 3 days.
      expect(figures(coverage(caseWith(notified(), satisfied({ satisfiedOn: '2017-07-12' })), []))).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: null, implementedOn: '2017-07-12', daysLate: 3, penaltyExposureCents: 30_000, status: 'implemented_late',
      }));

    it('stops counting the delay the day before the obligation is superseded on appeal', () =>
      // 9–30 July: 22 days.
      expect(figures(coverage(caseWith(notified(), appealDecided({ outcome: 'modified', supersedes: ['art-2-maraude'] })), []))).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: null, implementedOn: null, daysLate: 22, penaltyExposureCents: 220_000, status: 'superseded',
      }));

    it('stops counting the delay the day before the case is closed', () =>
      // 9 July – 29 September: 23 + 31 + 29 = 83 days.
      expect(coverage(caseWith(notified(), caseClosed({ closedOn: '2017-09-30' })), [])).toMatchObject({ daysLate: 83, status: 'not_started' }));

    it('does not depend on the start of the period', () => {
      const complianceCase = caseWith(notified(), measureLinked());
      expect(figures(coverage(complianceCase, [maraude()], { from: '2017-11-01', to: '2017-12-31' }))).toEqual(figures(coverage(complianceCase, [maraude()])));
    });

    it('reopens non-execution when a suspension after the deadline leaves a continuing obligation uncovered', () =>
      // 18 days in July, then 2–8 October: 7 days. 25 days, €2,500.
      expect(coverage(caseWith(notified(), measureLinked()), [maraude(suspended(), reinstated())])).toMatchObject({
        daysLate: 25, penaltyDays: 25, penaltyExposureCents: 250_000, gaps: [JULY_LATE, { from: '2017-10-02', to: '2017-10-08' }], status: 'implemented_late',
      }));

    it('counts the days after a mandate lapses at its end as days of non-execution, and the obligation as lapsed', () =>
      // 18 days in July, then 1–31 January 2018: 31 days. 49 days.
      expect(coverage(caseWith(notified(), measureLinked()), [maraude()], { from: '2017-06-26', to: '2018-01-31' })).toMatchObject({
        daysLate: 49, penaltyExposureCents: 490_000, gaps: [JULY_LATE, { from: '2018-01-01', to: '2018-01-31' }], coveredAtEnd: false, status: 'lapsed',
      }));

    it('has no day of non-execution once a one-off obligation is implemented, whatever comes after', () => {
      const result = coverage(caseOf(obligationAdded({ oneOff: true }), notified(), measureLinked()), [maraude(terminated())]);
      // Terminated from 15 November: 15 November – 31 December are done, not late.
      expect(result).toMatchObject({ oneOff: true, daysLate: 18, gaps: [JULY_LATE], status: 'implemented_late' });
      expect(result.days).toMatchObject({ done: 47, late: 18 });
    });

    it('runs the penalty from the date the order sets, the delay still from the deadline', () =>
      // Late 9 July – 31 December (176 days); the penalty from 1 August: 31 + 30 + 31 + 30 + 31 = 153 days.
      expect(coverage(caseOf(obligationAdded({ penaltyStartsOn: '2017-08-01' }), notified()), [])).toMatchObject({
        daysLate: 176, penaltyStartsOn: '2017-08-01', penaltyDays: 153, penaltyExposureCents: 1_530_000,
      }));
  });

  describe('the day-by-day series', () => {
    it('tells every day of the period once: not yet due, late, covered', () => {
      const result = coverage(caseWith(notified(), measureLinked()), [maraude(suspended(), reinstated())]);
      // 26 June – 8 July: 13 days not due; 9–26 July and 2–8 October: 25 late; the rest covered: 189 − 38 = 151.
      expect(result.days).toEqual({ not_due: 13, covered: 151, satisfied: 0, done: 0, late: 25, superseded: 0, closed: 0 });
      expect(result.series).toEqual([
        { from: '2017-06-26', to: '2017-07-08', standing: 'not_due', contested: false },
        { from: '2017-07-09', to: '2017-07-26', standing: 'late', contested: false },
        { from: '2017-07-27', to: '2017-10-01', standing: 'covered', contested: false },
        { from: '2017-10-02', to: '2017-10-08', standing: 'late', contested: false },
        { from: '2017-10-09', to: '2017-12-31', standing: 'covered', contested: false },
      ]);
    });

    it('marks the days after a satisfaction satisfied, and those after a contestation contested', () => {
      const result = coverage(caseWith(notified(), satisfied({ satisfiedOn: '2017-07-12' }), contested({ contestedOn: '2017-10-10' })), []);
      // Late 9–11 July, satisfied 12 July – 9 October, late again from 10 October (contested): 3 + 83 = 86 days.
      expect(result).toMatchObject({ daysLate: 86, contestedDays: 83, status: 'contested' });
      expect(result.days).toMatchObject({ satisfied: 90, late: 86 });
    });

    it('ends the series of a closed case on the day it was closed', () =>
      expect(coverage(caseWith(notified(), caseClosed({ closedOn: '2017-09-30' })), []).series.at(-1)).toEqual({
        from: '2017-09-30', to: '2017-12-31', standing: 'closed', contested: false,
      }));
  });

  describe('coverage intervals and gaps', () => {
    it('covers the days the linked mandate is in effect, within the period', () =>
      expect(timeline(coverage(caseWith(notified(), measureLinked()), [maraude()], { from: '2017-09-01', to: '2018-01-31' }))).toEqual({
        covered: [{ from: '2017-09-01', to: '2017-12-31' }], gaps: [{ from: '2018-01-01', to: '2018-01-31' }], coveredAtEnd: false,
      }));

    it('counts gaps from the first due day, not from the first covered one', () =>
      expect(timeline(coverage(caseWith(notified()), []))).toEqual({ covered: [], gaps: [{ from: '2017-07-09', to: '2017-12-31' }], coveredAtEnd: false }));

    it('opens a gap at a suspension inside the period and closes it at the reinstatement', () => {
      const result = coverage(caseWith(notified(), measureLinked()), [maraude(suspended(), reinstated())]);
      expect(timeline(result)).toEqual({
        covered: [{ from: '2017-07-27', to: '2017-10-01' }, { from: '2017-10-09', to: '2017-12-31' }],
        gaps: [JULY_LATE, { from: '2017-10-02', to: '2017-10-08' }],
        coveredAtEnd: true,
      });
      expect(result.measures).toEqual([{
        mandateId: 'mandate-maraude', effectiveFrom: '2017-07-27',
        inEffect: [{ from: '2017-07-27', to: '2017-10-01' }, { from: '2017-10-09', to: '2017-12-31' }],
        suspended: [{ from: '2017-10-02', to: '2017-10-08' }],
      }]);
    });

    it('merges overlapping mandates, one covering the suspension of the other', () => {
      const complianceCase = caseWith(notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2', effectiveFrom: '2017-09-15' }));
      const result = coverage(complianceCase, [maraude(suspended(), reinstated()), secondMaraude({ start: '2017-09-15', end: '2018-03-31' })]);
      expect(timeline(result)).toEqual({ covered: [{ from: '2017-07-27', to: '2017-12-31' }], gaps: [JULY_LATE], coveredAtEnd: true });
      expect(result.measures.map(({ mandateId, inEffect }) => ({ mandateId, inEffect }))).toEqual([
        { mandateId: 'mandate-maraude', inEffect: [{ from: '2017-07-27', to: '2017-10-01' }, { from: '2017-10-09', to: '2017-12-31' }] },
        { mandateId: 'mandate-maraude-2', inEffect: [{ from: '2017-09-15', to: '2017-12-31' }] },
      ]);
    });

    it('joins mandates that follow one another without a day between', () => {
      const complianceCase = caseWith(notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2', effectiveFrom: '2017-11-15' }));
      expect(timeline(coverage(complianceCase, [maraude(terminated()), secondMaraude({ start: '2017-11-15', end: '2018-03-31' })]))).toEqual({
        covered: [{ from: '2017-07-27', to: '2017-12-31' }], gaps: [JULY_LATE], coveredAtEnd: true,
      });
    });

    it('leaves a gap from a termination to the next mandate', () =>
      expect(timeline(coverage(
        caseWith(notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2', effectiveFrom: '2017-12-01' })),
        [maraude(terminated()), secondMaraude({ start: '2017-12-01', end: '2018-03-31' })],
      ))).toEqual({
        covered: [{ from: '2017-07-27', to: '2017-11-14' }, { from: '2017-12-01', to: '2017-12-31' }],
        gaps: [JULY_LATE, { from: '2017-11-15', to: '2017-11-30' }],
        coveredAtEnd: true,
      }));

    it('counts a mandate only from the date it is linked', () =>
      // 9 July – 14 August: 23 + 14 = 37 days.
      expect(coverage(caseWith(notified(), measureLinked({ effectiveFrom: '2017-08-15' })), [maraude()])).toMatchObject({
        firstMeasureInEffectOn: '2017-08-15', daysLate: 37, covered: [{ from: '2017-08-15', to: '2017-12-31' }],
      }));

    it('does not count a linked mandate outside the obligation’s territory', () => {
      const boulogne = mandate({ territory: { departement: '62', communes: ['62160'] } });
      const result = coverage(caseWith(notified(), measureLinked()), [boulogne]);
      expect({ ...figures(result), ...timeline(result), measures: result.measures }).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: null, implementedOn: null, daysLate: 176, penaltyExposureCents: 1_760_000, status: 'in_progress',
        covered: [], gaps: [{ from: '2017-07-09', to: '2017-12-31' }], coveredAtEnd: false,
        measures: [{ mandateId: 'mandate-maraude', effectiveFrom: '2017-07-27', inEffect: [], suspended: [] }],
      });
    });

    it('does not count a linked mandate in another département', () =>
      expect(coverage(caseWith(notified(), measureLinked()), [mandate({ territory: { departement: '59', communes: ['59271'] } })]).covered).toEqual([]));

    it('counts a mandate on the whole département for each of its communes', () =>
      expect(coverage(caseWith(notified(), measureLinked()), [mandate({ territory: { departement: '62', communes: [] } })]).firstMeasureInEffectOn).toBe('2017-07-27'));

    it('counts a mandate only while its territory reaches the obligation’s, as amended', () => {
      const extended: MandateEvent = {
        type: 'MandateAmended', schemaVersion: 2,
        data: { mandateId: 'mandate-maraude', effectiveFrom: '2017-09-01', decisionReference: 'AVENANT-1', changes: { territory: { departement: '62', communes: ['62160', '62193'] } } },
      };
      const result = coverage(caseWith(notified(), measureLinked()), [mandate({ territory: { departement: '62', communes: ['62160'] } }, extended)]);
      expect(result.covered).toEqual([{ from: '2017-09-01', to: '2017-12-31' }]);
    });

    it('does not count a linked mandate for another mission', () =>
      expect(coverage(caseWith(notified(), measureLinked()), [mandate({ missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers', unit: 'showers', target: 1, kind: 'count' }] }] })]).covered)
        .toEqual([]));

    it('covers an obligation on several communes only on days each of them is served', () => {
      const twoCommunes = { territory: { departement: '62', communes: ['62193', '62160'] } };
      const complianceCase = caseOf(obligationAdded(twoCommunes), notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2' }));
      const boulogne = mandate({ mandateId: 'mandate-maraude-2', territory: { departement: '62', communes: ['62160'] }, period: { start: '2017-09-01', end: '2018-06-30' } });
      const result = coverage(complianceCase, [maraude(), boulogne]);
      // 9 July – 31 August: 23 + 31 = 54 days.
      expect({ ...figures(result), covered: result.covered }).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: '2017-09-01', implementedOn: '2017-09-01', daysLate: 54, penaltyExposureCents: 540_000,
        status: 'implemented_late', covered: [{ from: '2017-09-01', to: '2017-12-31' }],
      });
    });

    it('ends the coverage of a superseded obligation the day before its supersession', () => {
      const result = coverage(caseWith(notified(), measureLinked({ effectiveFrom: '2017-07-27' }), appealDecided({ decisionDate: '2017-08-31', outcome: 'modified', supersedes: ['art-2-maraude'] })), [maraude(suspended({ effectiveFrom: '2017-08-20' }))]);
      expect({ ...timeline(result), supersededOn: result.supersededOn, suspended: result.measures[0].suspended }).toEqual({
        covered: [{ from: '2017-07-27', to: '2017-08-19' }], gaps: [JULY_LATE, { from: '2017-08-20', to: '2017-08-30' }], coveredAtEnd: false,
        supersededOn: '2017-08-31', suspended: [{ from: '2017-08-20', to: '2017-08-30' }],
      });
    });
  });

  describe('sites', () => {
    const EAST = { name: 'secteur est', commune: '62193' };
    const latrines = (sites?: { name: string; commune?: string }[]) =>
      mandate({
        missions: [{ type: 'LATRINES', indicators: [{ name: 'latrines_available', unit: 'latrines', target: 20, kind: 'stock' }] }],
        territory: { departement: '62', communes: ['62193'], ...(sites && { sites }) },
      });
    const eastOrder = (sites = [EAST]) =>
      caseOf(obligationAdded({ missionType: 'LATRINES', territory: { departement: '62', communes: ['62193'], sites } }), notified(), measureLinked());

    it('does not count a mandate elsewhere in the commune for an obligation that names a site', () =>
      expect(coverage(eastOrder(), [latrines([{ name: 'Rue des Verrotières', commune: '62193' }])])).toMatchObject({ covered: [], daysLate: 176, status: 'in_progress' }));

    it('does not count a mandate that names no site for an obligation that names one', () =>
      expect(coverage(eastOrder(), [latrines()]).covered).toEqual([]));

    it('counts a mandate naming the site, its label written otherwise', () =>
      expect(coverage(eastOrder(), [latrines([{ name: '  Secteur  Est ', commune: '62193' }])]).covered).toEqual([{ from: '2017-07-27', to: '2017-12-31' }]));

    it('does not count a site of the same label in another commune', () => {
      const elsewhere = mandate({
        missions: [{ type: 'LATRINES', indicators: [{ name: 'latrines_available', unit: 'latrines', target: 20, kind: 'stock' }] }],
        territory: { departement: '62', communes: ['62193', '62160'], sites: [{ name: 'secteur est', commune: '62160' }] },
      });
      expect(coverage(eastOrder(), [elsewhere]).covered).toEqual([]);
    });

    it('covers an obligation naming two sites only on days both are served', () =>
      expect(coverage(eastOrder([EAST, { name: 'secteur ouest', commune: '62193' }]), [latrines([EAST])]).covered).toEqual([]));
  });

  describe('penalties as the order sets them', () => {
    const water = (changes: Partial<ObligationTerms> = {}) =>
      obligationAdded({ obligationId: 'art-3-eau', article: 'art. 3', missionType: 'WATER_ACCESS', ...changes });
    const latrines = (changes: Partial<ObligationTerms> = {}) =>
      obligationAdded({ obligationId: 'art-3-latrines', article: 'art. 3', missionType: 'LATRINES', ...changes });
    const waterMandate = mandate({
      mandateId: 'mandate-eau',
      missions: [{ type: 'WATER_ACCESS', indicators: [{ name: 'litres', unit: 'litres', target: 15, kind: 'rate', per: 'day' }] }],
      period: { start: '2017-08-01', end: '2017-12-31' },
    });
    const latrinesMandate = mandate({
      mandateId: 'mandate-latrines',
      missions: [{ type: 'LATRINES', indicators: [{ name: 'latrines', unit: 'latrines', target: 20, kind: 'stock' }] }],
      period: { start: '2017-08-15', end: '2017-12-31' },
    });
    const penaltiesOf = (...events: ComplianceCaseEvent[]) =>
      complianceCoverage({ complianceCase: caseOf(...events), mandates: [waterMandate, latrinesMandate], period: YEAR_2017 });
    const links = [
      measureLinked({ obligationId: 'art-3-eau', mandateId: 'mandate-eau', effectiveFrom: '2017-08-01' }),
      measureLinked({ obligationId: 'art-3-latrines', mandateId: 'mandate-latrines', effectiveFrom: '2017-08-15' }),
    ];

    it('gives each obligation its own penalty by default', () => {
      // Water 9–31 July: 23 days; latrines 9 July – 14 August: 37 days.
      const { obligations, penalties } = penaltiesOf(water(), latrines(), notified(), ...links);
      expect(obligations.map(({ penaltyId, penaltyExposureCents }) => [penaltyId, penaltyExposureCents])).toEqual([
        ['obligation:art-3-eau', 230_000],
        ['obligation:art-3-latrines', 370_000],
      ]);
      expect(penalties.map(({ penaltyId, penaltyDays, incurredCents }) => [penaltyId, penaltyDays, incurredCents])).toEqual([
        ['obligation:art-3-eau', 23, 230_000],
        ['obligation:art-3-latrines', 37, 370_000],
      ]);
    });

    it('counts a day once for a penalty per article, whichever of its obligations is not executed', () => {
      // The union of 9–31 July and 9 July – 14 August: 37 days, not 60.
      const { obligations, penalties } = penaltiesOf(water({ penaltyScope: 'article' }), latrines({ penaltyScope: 'article' }), notified(), ...links);
      expect(obligations.map(({ penaltyId, penaltyDays, penaltyExposureCents }) => [penaltyId, penaltyDays, penaltyExposureCents])).toEqual([
        ['article:1705379:art. 3', 23, null],
        ['article:1705379:art. 3', 37, null],
      ]);
      expect(penalties).toEqual([{
        penaltyId: 'article:1705379:art. 3', scope: 'article', decision: '1705379', article: 'art. 3', obligationIds: ['art-3-eau', 'art-3-latrines'],
        perDayCents: 10_000, startsOn: '2017-07-09', penaltyDays: 37, incurredCents: 370_000, liquidations: [], liquidatedCents: 0, stateShareCents: 0,
      }]);
    });

    it('counts one penalty for the whole decision across its articles', () => {
      const { penalties } = penaltiesOf(obligationAdded({ penaltyScope: 'decision' }), water({ penaltyScope: 'decision' }), latrines({ penaltyScope: 'decision' }), notified(), ...links);
      // The maraude is never implemented: every day from 9 July to 31 December, 176 days.
      expect(penalties.map(({ penaltyId, obligationIds, penaltyDays }) => [penaltyId, obligationIds, penaltyDays])).toEqual([
        ['decision:1705379', ['art-2-maraude', 'art-3-eau', 'art-3-latrines'], 176],
      ]);
    });

    it('lists no penalty for an obligation the court set none for', () =>
      expect(penaltiesOf(water({ penaltyPerDayCents: 0 }), notified()).penalties).toEqual([]));

    it('shows the liquidations known at the end of the period beside the amount incurred', () => {
      const events = [obligationAdded(), notified(), measureLinked(), penaltyLiquidated()];
      const at = (to: string) => complianceCoverage({ complianceCase: caseOf(...events), mandates: [maraude()], period: { from: '2017-06-26', to } }).penalties[0];
      expect(at('2017-12-31')).toMatchObject({ incurredCents: 180_000, liquidatedCents: 120_000, stateShareCents: 30_000, liquidations: [expect.objectContaining({ liquidatedOn: '2017-10-20' })] });
      expect(at('2017-10-19')).toMatchObject({ liquidations: [], liquidatedCents: 0 });
    });
  });

  describe('indicators reported', () => {
    const withIndicators = (missions: readonly Mission[], ...reports: MandateEvent[]) => mandate({ missions }, ...reports);

    it('sums a count over the reports whose period shares a day with the coverage, each whole, against its target', () => {
      const reports = [
        reportOf('2017-07-27', '2017-07-31', [{ name: 'minors_found', value: 20 }]),
        reportOf('2017-08-01', '2017-08-31', [{ name: 'minors_found', value: 143 }]),
        reportOf('2017-09-01', '2017-09-30', [{ name: 'minors_found', value: 150 }]),
        reportOf('2017-10-01', '2017-10-31', [{ name: 'minors_found', value: 90 }]),
      ];
      expect(coverage(caseWith(notified(), measureLinked()), [maraude(...reports)], { from: '2017-08-15', to: '2017-09-30' }).indicators).toEqual([{
        name: 'minors_found', label: 'minors_found', unit: 'persons', kind: 'count', per: null,
        value: 293, target: 100, attainment: 2.93, reports: 2, lastReportEnd: '2017-09-30', extendsBeyondPeriod: true,
      }]);
    });

    it('averages a rate weighted by the days each report covers, not summing it', () => {
      const showers: Mission = { type: 'MARAUDE_MINORS', indicators: [{ name: 'showers_per_week', unit: 'showers', target: 1400, kind: 'rate', per: 'week', label: 'douches par semaine' }] };
      const reports = [
        reportOf('2017-09-08', '2017-09-30', [{ name: 'showers_per_week', value: 1120 }]),
        reportOf('2017-10-01', '2017-10-31', [{ name: 'showers_per_week', value: 1385 }]),
        reportOf('2017-11-01', '2017-11-30', [{ name: 'showers_per_week', value: 1040 }]),
      ];
      // (1120 × 23 + 1385 × 31 + 1040 × 30) / 84 = 99,895 / 84 = 1,189.23; / 1,400 = 84.94 %.
      expect(coverage(caseWith(notified(), measureLinked()), [withIndicators([showers], ...reports)]).indicators).toEqual([{
        name: 'showers_per_week', label: 'douches par semaine', unit: 'showers', kind: 'rate', per: 'week',
        value: 1189.23, target: 1400, attainment: 0.8494, reports: 3, lastReportEnd: '2017-11-30', extendsBeyondPeriod: false,
      }]);
    });

    it('takes the last value of a stock', () => {
      const latrines: Mission = { type: 'MARAUDE_MINORS', indicators: [{ name: 'latrines_available', unit: 'latrines', target: 20, kind: 'stock' }] };
      const reports = [reportOf('2017-10-01', '2017-10-31', [{ name: 'latrines_available', value: 18 }]), reportOf('2017-09-01', '2017-09-30', [{ name: 'latrines_available', value: 20 }])];
      expect(coverage(caseWith(notified(), measureLinked()), [withIndicators([latrines], ...reports)]).indicators).toMatchObject([
        { kind: 'stock', value: 18, target: 20, attainment: 0.9, reports: 2, lastReportEnd: '2017-10-31' },
      ]);
    });

    it('counts only the indicators of the obligation’s mission', () => {
      const missions: Mission[] = [
        { type: 'MARAUDE_MINORS', indicators: [{ name: 'minors_found', unit: 'persons', target: 100, kind: 'count' }] },
        { type: 'SHOWERS', indicators: [{ name: 'showers_per_week', unit: 'showers', target: 500, kind: 'rate', per: 'week' }] },
      ];
      const report = reportOf('2017-08-01', '2017-08-31', [{ name: 'minors_found', value: 143 }, { name: 'showers_per_week', value: 480 }]);
      expect(coverage(caseWith(notified(), measureLinked()), [withIndicators(missions, report)]).indicators.map(({ name, value }) => [name, value])).toEqual([['minors_found', 143]]);
    });

    it('leaves out reports of days the mandate did not serve the obligation: before the link, suspended, off the territory', () => {
      const reports = [
        reportOf('2017-08-01', '2017-08-31', [{ name: 'minors_found', value: 143 }]),
        reportOf('2017-10-02', '2017-10-08', [{ name: 'minors_found', value: 0 }]),
        reportOf('2017-11-01', '2017-11-30', [{ name: 'minors_found', value: 120 }]),
      ];
      const result = coverage(caseWith(notified(), measureLinked({ effectiveFrom: '2017-09-01' })), [maraude(suspended(), reinstated(), ...reports)]);
      expect(result.indicators).toMatchObject([{ name: 'minors_found', value: 120, reports: 1 }]);
      const offTerritory = mandate({ territory: { departement: '62', communes: ['62160'] } }, ...reports);
      expect(coverage(caseWith(notified(), measureLinked()), [offTerritory]).indicators).toEqual([]);
    });

    it('sums a count over several mandates, against the sum of their targets', () => {
      const complianceCase = caseWith(notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2', effectiveFrom: '2017-09-15' }));
      const second = mandate({ mandateId: 'mandate-maraude-2', period: { start: '2017-09-15', end: '2018-03-31' } }, reportOf('2017-10-01', '2017-10-31', [{ name: 'minors_found', value: 40 }]));
      expect(coverage(complianceCase, [maraude(reportOf('2017-10-01', '2017-10-31', [{ name: 'minors_found', value: 90 }])), second]).indicators).toMatchObject([
        { name: 'minors_found', value: 130, target: 200, attainment: 0.65, reports: 2 },
      ]);
    });

    it('never counts the final report, whose values cover the whole mandate', () => {
      const completedEvent: MandateEvent = {
        type: 'MandateMissionCompleted', schemaVersion: 1,
        data: { mandateId: 'mandate-maraude', completedOn: '2017-12-31', summary: 'done', indicators: [{ name: 'minors_found', value: 612 }], staff: { salariedFte: 6 }, fundedStaffFte: 6 },
      };
      expect(coverage(caseWith(notified(), measureLinked()), [maraude(completedEvent)]).indicators).toEqual([]);
    });
  });

  describe('status', () => {
    it('is contested when the last standing recorded is a contestation, whatever the coverage', () =>
      expect(coverage(caseWith(notified(), measureLinked(), satisfied(), contested()), [maraude()])).toMatchObject({
        status: 'contested', daysLate: 18, satisfiedOn: '2017-09-01',
      }));

    it('reads the standings as of the end of the period', () =>
      expect(coverage(caseWith(notified(), measureLinked(), satisfied(), contested()), [maraude()], { from: '2017-06-26', to: '2017-09-30' }).status)
        .toBe('implemented_late'));

    it('is implemented again once a contested obligation is marked satisfied', () =>
      expect(coverage(caseWith(notified(), measureLinked(), satisfied(), contested(), satisfied({ satisfiedOn: '2017-11-01' })), [maraude()]).status)
        .toBe('implemented_late'));

    it('is in progress when a measure is linked but not yet in effect', () =>
      expect(coverage(caseWith(notified(), measureLinked({ effectiveFrom: '2017-07-15' })), [maraude()], { from: '2017-06-26', to: '2017-07-20' })).toMatchObject({
        status: 'in_progress', daysLate: 12, covered: [],
      }));

    it('is lapsed when a continuing obligation once implemented is not executed on the last day of the period', () => {
      const complianceCase = caseWith(notified(), measureLinked());
      expect(coverage(complianceCase, [maraude(suspended())]).status).toBe('lapsed');
      expect(coverage(complianceCase, [maraude(suspended(), reinstated())]).status).toBe('implemented_late');
    });

    it('is superseded once an appellate decision replaced it, and not before', () => {
      const complianceCase = caseWith(notified(), measureLinked(), appealDecided({ outcome: 'modified', supersedes: ['art-2-maraude'] }));
      expect(coverage(complianceCase, [maraude()]).status).toBe('superseded');
      expect(coverage(complianceCase, [maraude()], { from: '2017-06-26', to: '2017-07-30' }).status).toBe('implemented_late');
    });

    it('is superseded by a later obligation that replaces it', () => {
      const complianceCase = caseWith(appealDecided({ outcome: 'modified' }), obligationAdded({ obligationId: 'ce-art-1', decision: '412125', supersedes: ['art-2-maraude'] }));
      const [replaced, replacing] = complianceCoverage({ complianceCase, mandates: [], period: YEAR_2017 }).obligations;
      expect([replaced.status, replaced.supersededOn, replacing.status, replacing.deadline]).toEqual(['superseded', '2017-07-31', 'not_started', null]);
    });
  });

  describe('the input', () => {
    it('leaves out obligations ordered after the period', () => {
      const complianceCase = caseWith(appealDecided({ outcome: 'modified' }), obligationAdded({ obligationId: 'ce-art-1', decision: '412125' }));
      expect(complianceCoverage({ complianceCase, mandates: [], period: { from: '2017-06-26', to: '2017-07-30' } }).obligations.map((o) => o.obligationId))
        .toEqual(['art-2-maraude']);
    });

    it('refuses a period that ends before it starts', () =>
      expect(() => complianceCoverage({ complianceCase: caseWith(), mandates: [], period: { from: '2017-12-31', to: '2017-01-01' } }))
        .toThrow(expect.objectContaining({ code: 'INVALID_PERIOD' })));

    it('needs every linked mandate', () =>
      expect(() => complianceCoverage({ complianceCase: caseWith(measureLinked()), mandates: [], period: YEAR_2017 })).toThrow(RangeError));

    it('takes nothing from a stream without a grant', () => expect(coverageMandateOf([])).toBeUndefined());
  });
});
