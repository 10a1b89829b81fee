import { fold } from '../shared/decider';
import { MandateEvent, MandateGrant } from '../mandates/mandate.events';
import {
  appealDecided,
  caseClosed,
  caseOpened,
  contested,
  measureLinked,
  notified,
  obligationAdded,
  satisfied,
} from '../testing/compliance-case.fixtures';
import { granted, reinstated, suspended, terminated } from '../testing/mandate.fixtures';
import { complianceCaseDecider } from './compliance-case.decider';
import { ComplianceCaseEvent } from './compliance-case.events';
import { OpenedComplianceCase } from './compliance-case.state';
import { complianceCoverage, CoverageMandate, coverageMandateOf, ObligationCoverage } from './coverage';

// The order was notified on 28 June 2017: the maraude was due by 8 July, at €100 a day of delay.
// Mandates are given as their events; for a report as known at an instant, the caller keeps the
// events recorded up to it before calling (a suspension recorded later is then not there).
const YEAR_2017 = { from: '2017-06-26', to: '2017-12-31' };

const caseWith = (...events: ComplianceCaseEvent[]) =>
  fold(complianceCaseDecider, [caseOpened(), obligationAdded(), ...events]) as OpenedComplianceCase;

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

describe('coverage of a court obligation', () => {
  describe('deadline, delay and penalty', () => {
    it('counts the days from the deadline to the first day a measure is in effect, at the penalty rate', () =>
      expect(figures(coverage(caseWith(notified(), measureLinked()), [maraude()]))).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: '2017-07-27', implementedOn: '2017-07-27',
        daysLate: 19, penaltyExposureCents: 190_000, status: 'implemented_late',
      }));

    it('counts the delay to the end of the period when the obligation was never implemented', () =>
      expect(figures(coverage(caseWith(notified()), []))).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: null, implementedOn: null,
        daysLate: 176, penaltyExposureCents: 1_760_000, status: 'not_started',
      }));

    it('finds a measure that started before the notification on time', () =>
      expect(figures(coverage(caseWith(notified({ notifiedOn: '2017-07-30' }), measureLinked()), [maraude()]))).toEqual({
        deadline: '2017-08-09', firstMeasureInEffectOn: '2017-07-27', implementedOn: '2017-07-27',
        daysLate: 0, penaltyExposureCents: 0, status: 'implemented',
      }));

    it('finds a measure implemented on the last day of the deadline on time', () =>
      expect(figures(coverage(caseWith(notified({ notifiedOn: '2017-07-17' }), measureLinked()), [maraude()]))).toMatchObject({
        deadline: '2017-07-27', daysLate: 0, status: 'implemented',
      }));

    it('runs no deadline while the order is not notified', () =>
      expect(figures(coverage(caseWith(measureLinked()), [maraude()]))).toEqual({
        deadline: null, firstMeasureInEffectOn: '2017-07-27', implementedOn: '2017-07-27', daysLate: 0, penaltyExposureCents: 0, status: 'implemented',
      }));

    it('ignores a notification dated after the period', () =>
      expect(coverage(caseWith(notified({ notifiedOn: '2017-09-01' })), [], { from: '2017-06-26', to: '2017-08-31' })).toMatchObject({
        notifiedOn: null, deadline: null, daysLate: 0, status: 'not_started',
      }));

    it('takes a recorded satisfaction as the implementation when no linked measure covers the obligation', () =>
      expect(figures(coverage(caseWith(notified(), satisfied({ satisfiedOn: '2017-07-12' })), []))).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: null, implementedOn: '2017-07-12', daysLate: 4, penaltyExposureCents: 40_000, status: 'implemented_late',
      }));

    it('stops counting the delay the day before the obligation is superseded on appeal', () =>
      expect(figures(coverage(caseWith(notified(), appealDecided({ outcome: 'modified', supersedes: ['art-2-maraude'] })), []))).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: null, implementedOn: null, daysLate: 22, penaltyExposureCents: 220_000, status: 'superseded',
      }));

    it('stops counting the delay at the closure of the case', () =>
      expect(coverage(caseWith(notified(), caseClosed({ closedOn: '2017-09-30' })), [])).toMatchObject({ daysLate: 84, status: 'not_started' }));

    it('does not depend on the start of the period', () => {
      const complianceCase = caseWith(notified(), measureLinked());
      expect(figures(coverage(complianceCase, [maraude()], { from: '2017-11-01', to: '2017-12-31' }))).toEqual(figures(coverage(complianceCase, [maraude()])));
    });
  });

  describe('coverage intervals and gaps', () => {
    it('covers the days the linked mandate is in effect, within the period', () =>
      expect(timeline(coverage(caseWith(notified(), measureLinked()), [maraude()], { from: '2017-09-01', to: '2018-01-31' }))).toEqual({
        covered: [{ from: '2017-09-01', to: '2017-12-31' }], gaps: [{ from: '2018-01-01', to: '2018-01-31' }], coveredAtEnd: false,
      }));

    it('opens a gap at a suspension inside the period and closes it at the reinstatement', () => {
      const result = coverage(caseWith(notified(), measureLinked()), [maraude(suspended(), reinstated())]);
      expect(timeline(result)).toEqual({
        covered: [{ from: '2017-07-27', to: '2017-10-01' }, { from: '2017-10-09', to: '2017-12-31' }],
        gaps: [{ from: '2017-10-02', to: '2017-10-08' }],
        coveredAtEnd: true,
      });
      expect(result.measures).toEqual([{
        mandateId: 'mandate-maraude', effectiveFrom: '2017-07-27',
        inEffect: [{ from: '2017-07-27', to: '2017-10-01' }, { from: '2017-10-09', to: '2017-12-31' }],
        suspended: [{ from: '2017-10-02', to: '2017-10-08' }],
      }]);
      expect(result.status).toBe('implemented_late');
    });

    it('merges overlapping mandates, one covering the suspension of the other', () => {
      const complianceCase = caseWith(notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2', effectiveFrom: '2017-09-15' }));
      const result = coverage(complianceCase, [maraude(suspended(), reinstated()), secondMaraude({ start: '2017-09-15', end: '2018-03-31' })]);
      expect(timeline(result)).toEqual({ covered: [{ from: '2017-07-27', to: '2017-12-31' }], gaps: [], coveredAtEnd: true });
      expect(result.measures.map(({ mandateId, inEffect }) => ({ mandateId, inEffect }))).toEqual([
        { mandateId: 'mandate-maraude', inEffect: [{ from: '2017-07-27', to: '2017-10-01' }, { from: '2017-10-09', to: '2017-12-31' }] },
        { mandateId: 'mandate-maraude-2', inEffect: [{ from: '2017-09-15', to: '2017-12-31' }] },
      ]);
    });

    it('joins mandates that follow one another without a day between', () => {
      const complianceCase = caseWith(notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2', effectiveFrom: '2017-11-15' }));
      expect(timeline(coverage(complianceCase, [maraude(terminated()), secondMaraude({ start: '2017-11-15', end: '2018-03-31' })]))).toEqual({
        covered: [{ from: '2017-07-27', to: '2017-12-31' }], gaps: [], coveredAtEnd: true,
      });
    });

    it('leaves a gap from a termination to the next mandate', () =>
      expect(timeline(coverage(
        caseWith(notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2', effectiveFrom: '2017-12-01' })),
        [maraude(terminated()), secondMaraude({ start: '2017-12-01', end: '2018-03-31' })],
      ))).toEqual({
        covered: [{ from: '2017-07-27', to: '2017-11-14' }, { from: '2017-12-01', to: '2017-12-31' }],
        gaps: [{ from: '2017-11-15', to: '2017-11-30' }],
        coveredAtEnd: true,
      }));

    it('counts a mandate only from the date it is linked', () =>
      expect(coverage(caseWith(notified(), measureLinked({ effectiveFrom: '2017-08-15' })), [maraude()])).toMatchObject({
        firstMeasureInEffectOn: '2017-08-15', daysLate: 38, covered: [{ from: '2017-08-15', to: '2017-12-31' }],
      }));

    it('does not count a linked mandate outside the obligation’s territory', () => {
      const boulogne = mandate({ territory: { departement: '62', communes: ['62160'] } });
      const result = coverage(caseWith(notified(), measureLinked()), [boulogne]);
      expect({ ...figures(result), ...timeline(result), measures: result.measures }).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: null, implementedOn: null, daysLate: 176, penaltyExposureCents: 1_760_000, status: 'in_progress',
        covered: [], gaps: [], coveredAtEnd: false,
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
      const complianceCase = fold(complianceCaseDecider, [
        caseOpened(), obligationAdded(twoCommunes), notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2' }),
      ]) as OpenedComplianceCase;
      const boulogne = mandate({ mandateId: 'mandate-maraude-2', territory: { departement: '62', communes: ['62160'] }, period: { start: '2017-09-01', end: '2018-06-30' } });
      const result = coverage(complianceCase, [maraude(), boulogne]);
      expect({ ...figures(result), covered: result.covered }).toEqual({
        deadline: '2017-07-08', firstMeasureInEffectOn: '2017-09-01', implementedOn: '2017-09-01', daysLate: 55, penaltyExposureCents: 550_000,
        status: 'implemented_late', covered: [{ from: '2017-09-01', to: '2017-12-31' }],
      });
    });

    it('ends the coverage of a superseded obligation the day before its supersession', () => {
      const result = coverage(caseWith(notified(), measureLinked({ effectiveFrom: '2017-07-27' }), appealDecided({ decisionDate: '2017-08-31', outcome: 'modified', supersedes: ['art-2-maraude'] })), [maraude(suspended({ effectiveFrom: '2017-08-20' }))]);
      expect({ ...timeline(result), supersededOn: result.supersededOn, suspended: result.measures[0].suspended }).toEqual({
        covered: [{ from: '2017-07-27', to: '2017-08-19' }], gaps: [{ from: '2017-08-20', to: '2017-08-30' }], coveredAtEnd: false,
        supersededOn: '2017-08-31', suspended: [{ from: '2017-08-20', to: '2017-08-30' }],
      });
    });
  });

  describe('indicators reported', () => {
    it('sums per indicator the reports whose period shares a day with the coverage, whole', () => {
      const reports = [
        reportOf('2017-07-27', '2017-07-31', [{ name: 'minors_found', value: 20 }]),
        reportOf('2017-08-01', '2017-08-31', [{ name: 'minors_found', value: 143 }]),
        reportOf('2017-09-01', '2017-09-30', [{ name: 'minors_found', value: 150 }]),
        reportOf('2017-10-01', '2017-10-31', [{ name: 'minors_found', value: 90 }]),
      ];
      expect(coverage(caseWith(notified(), measureLinked()), [maraude(...reports)], { from: '2017-08-15', to: '2017-09-30' }).indicators).toEqual([
        { name: 'minors_found', unit: 'persons', total: 293, reports: 2, extendsBeyondPeriod: true },
      ]);
    });

    it('counts only the indicators of the obligation’s mission', () => {
      const missions = [
        { type: 'MARAUDE_MINORS', indicators: [{ name: 'minors_found', unit: 'persons', target: 100, kind: 'count' }] },
        { type: 'SHOWERS', indicators: [{ name: 'showers_per_week', unit: 'showers', target: 500, kind: 'count' }] },
      ] as const;
      const report = reportOf('2017-08-01', '2017-08-31', [{ name: 'minors_found', value: 143 }, { name: 'showers_per_week', value: 480 }]);
      expect(coverage(caseWith(notified(), measureLinked()), [mandate({ missions }, report)]).indicators).toEqual([
        { name: 'minors_found', unit: 'persons', total: 143, reports: 1, extendsBeyondPeriod: false },
      ]);
    });

    it('leaves out reports of days the mandate did not serve the obligation: before the link, suspended, off the territory', () => {
      const reports = [
        reportOf('2017-08-01', '2017-08-31', [{ name: 'minors_found', value: 143 }]),
        reportOf('2017-10-02', '2017-10-08', [{ name: 'minors_found', value: 0 }]),
        reportOf('2017-11-01', '2017-11-30', [{ name: 'minors_found', value: 120 }]),
      ];
      const result = coverage(caseWith(notified(), measureLinked({ effectiveFrom: '2017-09-01' })), [maraude(suspended(), reinstated(), ...reports)]);
      expect(result.indicators).toEqual([{ name: 'minors_found', unit: 'persons', total: 120, reports: 1, extendsBeyondPeriod: false }]);
      const offTerritory = mandate({ territory: { departement: '62', communes: ['62160'] } }, ...reports);
      expect(coverage(caseWith(notified(), measureLinked()), [offTerritory]).indicators).toEqual([]);
    });

    it('sums the same indicator over several mandates', () => {
      const complianceCase = caseWith(notified(), measureLinked(), measureLinked({ mandateId: 'mandate-maraude-2', effectiveFrom: '2017-09-15' }));
      const second = mandate({ mandateId: 'mandate-maraude-2', period: { start: '2017-09-15', end: '2018-03-31' } }, reportOf('2017-10-01', '2017-10-31', [{ name: 'minors_found', value: 40 }]));
      expect(coverage(complianceCase, [maraude(reportOf('2017-10-01', '2017-10-31', [{ name: 'minors_found', value: 90 }])), second]).indicators).toEqual([
        { name: 'minors_found', unit: 'persons', total: 130, reports: 2, extendsBeyondPeriod: false },
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
        status: 'contested', daysLate: 19, satisfiedOn: '2017-09-01',
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
