import { deciderSpecification } from '../testing/decider-specification';
import {
  amendMandate,
  completed,
  completeMission,
  grantMandate,
  granted,
  mandateId,
  maraudeGrant,
  mealContract,
  reinstated,
  reinstateMandate,
  renewed,
  renewMandate,
  reportActivity,
  suspended,
  suspendMandate,
  terminated,
  terminateMandate,
} from '../testing/mandate.fixtures';
import { createMandateDecider, DEFAULT_MANDATE_DECIDER_CONFIG, mandateDecider } from './mandate.decider';
import { MandateAmended } from './mandate.events';
import { Financing, Mission } from './mandate.terms';

const given = deciderSpecification(mandateDecider);

const meals: Mission = { type: 'MEAL_DISTRIBUTION', indicators: [{ name: 'meals_per_day', unit: 'meals', target: 2500, kind: 'rate', per: 'day' }] };
const attributionOrder = { kind: 'attribution_order', reference: 'AP-2017-0801', decisionDate: '2017-08-01' } as const;
const financingOf = (amountCents: number): Financing => ({ ...maraudeGrant.financing, amountCents });
const amended = (data: Partial<MandateAmended['data']>): MandateAmended => ({
  type: 'MandateAmended',
  schemaVersion: 2,
  data: { mandateId, effectiveFrom: '2017-09-01', decisionReference: 'AVENANT-1', changes: { staffing: { salariedFte: 8 } }, ...data },
});

describe('mandate decider', () => {
  describe('granting a mandate', () => {
    it('grants an outreach agreement to a registered operator', () => given([]).when(grantMandate()).then([granted()]));

    it('records each commune once', () =>
      given([]).when(grantMandate({ territory: { departement: '62', communes: ['62193', '62193'] } })).then([granted()]));

    it('grants a mandate on a whole département, with sites', () => {
      const territory = { departement: '59', communes: [], sites: [{ name: 'Puythouck', commune: '59271' }] };
      const authority = { ...maraudeGrant.authority, departement: '59' };
      given([]).when(grantMandate({ territory, authority })).then([granted({ territory, authority })]);
    });

    it('grants the meal-distribution public contract with its CPV code, however large', () => {
      const contract = { instrument: mealContract,
        missions: [meals], financing: financingOf(360_000_000), period: { start: '2018-03-06', end: '2019-03-05' } };
      given([]).when(grantMandate(contract)).then([granted(contract)]);
    });

    it('refuses a public contract without the procurement facts its essential data need', () => {
      const { procurement: _, ...instrument } = mealContract;
      given([]).when(grantMandate({ instrument })).thenThrows('PROCUREMENT_REQUIRED');
    });

    it('refuses a procedure outside the DECP vocabulary', () =>
      given([]).when(grantMandate({ instrument: { ...mealContract, procurement: { ...mealContract.procurement, procedure: 'Gré à gré' } } })).thenThrows('INVALID_FIELD'));

    it('refuses a public contract whose reference DECP cannot carry (more than 16 characters)', () =>
      given([]).when(grantMandate({ instrument: { ...mealContract, reference: 'MARCHE-2018-62-0001' } })).thenThrows('INVALID_FIELD'));

    it('records each indicator as a count when the grant gives no kind', () => {
      const missions = [{ type: 'MARAUDE_MINORS', indicators: [{ name: 'minors_found', unit: 'persons', target: 100 }] }];
      given([]).when(grantMandate({ missions })).then([granted()]);
    });

    it('records a rate with its period, a stock, and their French labels', () => {
      const missions: Mission[] = [{
        type: 'SHOWERS',
        indicators: [
          { name: 'showers_per_week', unit: 'showers', target: 1400, kind: 'rate', per: 'week', label: 'douches par semaine' },
          { name: 'shower_cabins', unit: 'cabins', target: 12, kind: 'stock', label: 'cabines de douche disponibles' },
        ],
      }];
      given([]).when(grantMandate({ missions })).then([granted({ missions })]);
    });

    it('refuses an indicator kind other than count, stock and rate', () =>
      given([]).when(grantMandate({ missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers', unit: 'showers', target: 1, kind: 'average' }] }] }))
        .thenThrows('INVALID_FIELD'));

    it('needs the period of a rate', () =>
      given([]).when(grantMandate({ missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers', unit: 'showers', target: 1, kind: 'rate' }] }] }))
        .thenThrows('INVALID_FIELD'));

    it('refuses a period for an indicator that is not a rate', () =>
      given([]).when(grantMandate({ missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers', unit: 'showers', target: 1, kind: 'count', per: 'week' }] }] }))
        .thenThrows('PER_ONLY_FOR_RATES'));

    it('refuses an empty label', () =>
      given([]).when(grantMandate({ missions: [{ type: 'SHOWERS', indicators: [{ name: 'showers', unit: 'showers', target: 1, label: ' ' }] }] }))
        .thenThrows('INVALID_FIELD'));

    it('cannot grant the same mandate twice', () =>
      given([granted()]).when(grantMandate()).thenThrows('MANDATE_ALREADY_GRANTED'));

    it('cannot entrust a mission to an operator that was never registered', () =>
      given([]).when(grantMandate({}, { status: 'unregistered' })).thenThrows('OPERATOR_NOT_REGISTERED'));

    it('cannot entrust a mission to a deregistered operator', () =>
      given([]).when(grantMandate({}, { status: 'deregistered' })).thenThrows('OPERATOR_DEREGISTERED'));

    it('refuses a period that ends before it starts', () =>
      given([]).when(grantMandate({ period: { start: '2017-12-31', end: '2017-07-27' } })).thenThrows('INVALID_PERIOD'));

    it('refuses a date that is not on the calendar', () =>
      given([]).when(grantMandate({ period: { start: '2017-07-27', end: '2017-02-30' } })).thenThrows('INVALID_DATE'));

    it.each([-1, 12.5, Number.NaN])('refuses an amount of %p cents', (amountCents) =>
      given([]).when(grantMandate({ financing: financingOf(amountCents) })).thenThrows('INVALID_AMOUNT'));

    it('refuses an authority whose SIRET fails the check', () =>
      given([]).when(grantMandate({ authority: { ...maraudeGrant.authority, siret: '12345678912345' } })).thenThrows('INVALID_SIRET'));

    it('refuses an authority in an unknown département', () =>
      given([]).when(grantMandate({ authority: { ...maraudeGrant.authority, departement: '20' } })).thenThrows('INVALID_DEPARTEMENT'));

    it('refuses a public contract without a CPV code', () =>
      given([]).when(grantMandate({ instrument: { ...attributionOrder, kind: 'public_contract', cpv: '55320000' } })).thenThrows('INVALID_CPV'));

    it('refuses a mandate without a legal basis', () =>
      given([]).when(grantMandate({ legalBasis: [] })).thenThrows('INVALID_FIELD'));

    it('refuses a mission type outside the closed list', () =>
      given([]).when(grantMandate({ missions: [{ ...meals, type: 'CATERING' }] })).thenThrows('INVALID_FIELD'));

    it('refuses the same mission listed twice', () =>
      given([]).when(grantMandate({ missions: [meals, { ...meals, indicators: [{ name: 'meals', unit: 'meals', target: 1 }] }] }))
        .thenThrows('DUPLICATE_MISSION'));

    it('refuses a mission without evaluation indicators', () =>
      given([]).when(grantMandate({ missions: [{ type: 'SHOWERS', indicators: [] }] })).thenThrows('MISSION_WITHOUT_INDICATORS'));

    it('refuses two indicators of the same name', () =>
      given([]).when(grantMandate({ missions: [...maraudeGrant.missions, { type: 'SHOWERS', indicators: [{ name: 'minors_found', unit: 'persons', target: 1 }] }] }))
        .thenThrows('DUPLICATE_INDICATOR'));

    it('refuses a code that is no INSEE commune code', () =>
      given([]).when(grantMandate({ territory: { departement: '62', communes: ['62000'] } })).thenThrows('INVALID_COMMUNE'));

    it('refuses a commune of another département', () =>
      given([]).when(grantMandate({ territory: { departement: '62', communes: ['62193', '59271'] } })).thenThrows('COMMUNE_OUTSIDE_DEPARTEMENT'));

    it('refuses a site in a commune outside the territory', () =>
      given([]).when(grantMandate({ territory: { departement: '62', communes: ['62193'], sites: [{ name: 'Jungle', commune: '62160' }] } }))
        .thenThrows('SITE_OUTSIDE_TERRITORY'));

    it('refuses a payment schedule that does not add up to the amount', () =>
      given([]).when(grantMandate({ financing: { ...maraudeGrant.financing, schedule: [{ dueDate: '2017-08-15', amountCents: 6_000_000 }] } }))
        .thenThrows('SCHEDULE_AMOUNT_MISMATCH'));

    it('refuses a malformed Chorus commitment number', () =>
      given([]).when(grantMandate({ financing: { ...maraudeGrant.financing, chorusCommitment: '21-00456789' } })).thenThrows('INVALID_CHORUS_COMMITMENT'));

    it('refuses a negative salaried staffing', () =>
      given([]).when(grantMandate({ staffing: { salariedFte: -2 } })).thenThrows('INVALID_STAFFING'));

    it('accepts a CPOM of five years', () => {
      const cpom = { instrument: { ...attributionOrder, kind: 'cpom' } as const, period: { start: '2017-01-01', end: '2021-12-31' } };
      given([]).when(grantMandate(cpom)).then([granted(cpom)]);
    });

    it('refuses a CPOM longer than five years', () =>
      given([]).when(grantMandate({ instrument: { ...attributionOrder, kind: 'cpom' }, period: { start: '2017-01-01', end: '2022-01-01' } }))
        .thenThrows('CPOM_TOO_LONG'));
  });

  describe('a subsidy above €23,000 a year', () => {
    const byOrder = (amountCents: number, period = maraudeGrant.period) =>
      grantMandate({ instrument: attributionOrder, financing: financingOf(amountCents), period });

    it('needs a written agreement', () => given([]).when(byOrder(2_300_001)).thenThrows('WRITTEN_AGREEMENT_REQUIRED'));

    it('may be granted by order up to the threshold', () =>
      given([]).when(byOrder(2_300_000)).then([granted({ instrument: attributionOrder, financing: financingOf(2_300_000) })]));

    it('counts a period shorter than a year at its full amount, not scaled up to a year', () =>
      given([]).when(byOrder(2_000_000, { start: '2017-10-01', end: '2017-12-31' })).then([
        granted({ instrument: attributionOrder, financing: financingOf(2_000_000), period: { start: '2017-10-01', end: '2017-12-31' } }),
      ]));

    it('prorates a period longer than a year to 365 days', () => {
      const twoYears = { start: '2017-01-01', end: '2018-12-31' };
      given([]).when(byOrder(4_000_000, twoYears)).then([granted({ instrument: attributionOrder, financing: financingOf(4_000_000), period: twoYears })]);
      given([]).when(byOrder(5_000_000, twoYears)).thenThrows('WRITTEN_AGREEMENT_REQUIRED');
    });

    it('takes the threshold from configuration', () =>
      deciderSpecification(createMandateDecider({ ...DEFAULT_MANDATE_DECIDER_CONFIG, writtenAgreementThresholdCents: 1_000_000 }))([])
        .when(byOrder(1_500_000))
        .thenThrows('WRITTEN_AGREEMENT_REQUIRED'));

    it('does not apply to a requisition, which is no subsidy', () => {
      const requisition = { instrument: { ...attributionOrder, kind: 'requisition' } as const, financing: financingOf(5_000_000) };
      given([]).when(grantMandate(requisition)).then([granted(requisition)]);
    });
  });

  describe('suspending', () => {
    it('suspends a mandate in effect, from a date in the past', () =>
      given([granted()]).when(suspendMandate()).then([suspended()]));

    it('suspends again after a reinstatement', () =>
      given([granted(), suspended(), reinstated()]).when(suspendMandate({ effectiveFrom: '2017-11-02' })).then([suspended({ effectiveFrom: '2017-11-02' })]));

    it('cannot suspend a mandate that has not started', () =>
      given([granted()]).when(suspendMandate({ effectiveFrom: '2017-07-26' })).thenThrows('MANDATE_NOT_ACTIVE'));

    it('cannot suspend a mandate that has expired', () =>
      given([granted()]).when(suspendMandate({ effectiveFrom: '2018-01-02' })).thenThrows('MANDATE_NOT_ACTIVE'));

    it('cannot suspend a mandate already suspended', () =>
      given([granted(), suspended()]).when(suspendMandate({ effectiveFrom: '2017-10-05' })).thenThrows('MANDATE_NOT_ACTIVE'));

    it('cannot suspend a mandate from a date its termination has taken effect', () =>
      given([granted(), terminated()]).when(suspendMandate({ effectiveFrom: '2017-11-20' })).thenThrows('MANDATE_NOT_ACTIVE'));

    it('cannot start a suspension before the last reinstatement', () =>
      given([granted(), suspended(), reinstated()]).when(suspendMandate({ effectiveFrom: '2017-09-15' })).thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER'));

    it('cannot suspend a mandate that was never granted', () =>
      given([]).when(suspendMandate()).thenThrows('MANDATE_NOT_FOUND'));

    it('needs the reference of the decision', () =>
      given([granted()]).when(suspendMandate({ decisionReference: '' })).thenThrows('INVALID_FIELD'));
  });

  describe('reinstating', () => {
    it('lifts a suspension from a date', () => given([granted(), suspended()]).when(reinstateMandate()).then([reinstated()]));

    it('cannot reinstate a mandate that was never suspended', () =>
      given([granted()]).when(reinstateMandate()).thenThrows('MANDATE_NOT_SUSPENDED'));

    it('cannot reinstate a mandate twice', () =>
      given([granted(), suspended(), reinstated()]).when(reinstateMandate({ effectiveFrom: '2017-10-20' })).thenThrows('MANDATE_NOT_SUSPENDED'));

    it('cannot lift a suspension on or before the day it began', () =>
      given([granted(), suspended()]).when(reinstateMandate({ effectiveFrom: '2017-10-02' })).thenThrows('MANDATE_NOT_SUSPENDED'));

    it('cannot reinstate a mandate once it has expired', () =>
      given([granted(), suspended()]).when(reinstateMandate({ effectiveFrom: '2018-01-10' })).thenThrows('MANDATE_NOT_SUSPENDED'));
  });

  describe('renewing', () => {
    it('extends the period, the financing running on', () => given([granted()]).when(renewMandate()).then([renewed()]));

    it('extends the period with the financing of the added days', () => {
      const financing = financingOf(26_000_000);
      given([granted()]).when(renewMandate({ financing })).then([renewed({ financing })]);
    });

    it.each(['2017-12-31', '2017-11-30'])('must extend the period (new end %s)', (newEnd) =>
      given([granted()]).when(renewMandate({ newEnd })).thenThrows('RENEWAL_MUST_EXTEND'));

    it('cannot renew a terminated mandate', () =>
      given([granted(), terminated()]).when(renewMandate()).thenThrows('MANDATE_TERMINATED'));

    it('cannot renew a completed mandate', () =>
      given([granted(), completed()]).when(renewMandate()).thenThrows('MANDATE_COMPLETED'));

    it('cannot renew a mandate that was never granted', () => given([]).when(renewMandate()).thenThrows('MANDATE_NOT_FOUND'));

    it('checks the written-agreement rule on the financing of the renewal', () =>
      given([granted({ instrument: attributionOrder, financing: financingOf(1_000_000) })])
        .when(renewMandate({ financing: financingOf(2_500_000) }))
        .thenThrows('WRITTEN_AGREEMENT_REQUIRED'));

    it('cannot take a CPOM beyond five years', () =>
      given([granted({ instrument: { ...attributionOrder, kind: 'cpom' }, period: { start: '2017-01-01', end: '2020-12-31' } })])
        .when(renewMandate({ newEnd: '2022-06-30' }))
        .thenThrows('CPOM_TOO_LONG'));
  });

  describe('amending', () => {
    it('changes the staffing commitment from a date', () => given([granted()]).when(amendMandate()).then([amended({})]));

    it('changes missions, territory, financing and end together', () => {
      const changes = {
        missions: [...maraudeGrant.missions, meals],
        territory: { departement: '62', communes: ['62193', '62160'] },
        financing: financingOf(15_000_000),
        periodEnd: '2017-11-30',
      };
      given([granted()]).when(amendMandate({ changes })).then([amended({ changes })]);
    });

    it('records the kind of each indicator of the missions it changes, a count when not given', () => {
      const declared = [{ type: 'MEAL_DISTRIBUTION', indicators: [{ name: 'meals', unit: 'meals', target: 10 }] }] as const;
      given([granted()]).when(amendMandate({ changes: { missions: declared } }))
        .then([amended({ changes: { missions: [{ type: 'MEAL_DISTRIBUTION', indicators: [{ name: 'meals', unit: 'meals', target: 10, kind: 'count' }] }] } })]);
    });

    it('must change something', () => given([granted()]).when(amendMandate({ changes: {} })).thenThrows('AMENDMENT_EMPTY'));

    it('must take effect within the period', () =>
      given([granted()]).when(amendMandate({ effectiveFrom: '2018-01-05' })).thenThrows('AMENDMENT_OUTSIDE_PERIOD'));

    it('cannot take effect before an earlier amendment', () =>
      given([granted(), amended({ effectiveFrom: '2017-10-01' })]).when(amendMandate({ effectiveFrom: '2017-09-01' })).thenThrows('EFFECTIVE_DATE_OUT_OF_ORDER'));

    it('cannot end the period before the amendment takes effect', () =>
      given([granted()]).when(amendMandate({ changes: { periodEnd: '2017-08-31' } })).thenThrows('INVALID_PERIOD'));

    it('checks the new terms like a grant', () =>
      given([granted()]).when(amendMandate({ changes: { territory: { departement: '62', communes: ['59271'] } } })).thenThrows('COMMUNE_OUTSIDE_DEPARTEMENT'));

    it('checks the written-agreement rule on the amended financing', () =>
      given([granted({ instrument: attributionOrder, financing: financingOf(1_000_000) })])
        .when(amendMandate({ changes: { financing: financingOf(2_400_000) } }))
        .thenThrows('WRITTEN_AGREEMENT_REQUIRED'));

    it('cannot amend a terminated mandate', () =>
      given([granted(), terminated()]).when(amendMandate()).thenThrows('MANDATE_TERMINATED'));
  });

  describe('terminating', () => {
    it('terminates a mandate from a date', () => given([granted()]).when(terminateMandate()).then([terminated()]));

    it('cannot terminate a mandate twice', () =>
      given([granted(), terminated()]).when(terminateMandate()).thenThrows('MANDATE_TERMINATED'));

    it('cannot terminate a mandate once its mission is completed', () =>
      given([granted(), completed()]).when(terminateMandate()).thenThrows('MANDATE_COMPLETED'));

    it('cannot terminate a mandate after it has expired', () =>
      given([granted()]).when(terminateMandate({ effectiveFrom: '2018-01-02' })).thenThrows('MANDATE_EXPIRED'));

    it('needs a reason', () => given([granted()]).when(terminateMandate({ reason: ' ' })).thenThrows('INVALID_FIELD'));
  });

  describe('reporting activity', () => {
    it('records indicator values, counting only salaried staff as funded', () =>
      given([granted()]).when(reportActivity()).then([{
        type: 'MandateActivityReported',
        schemaVersion: 1,
        data: {
          mandateId, periodStart: '2017-08-01', periodEnd: '2017-08-31',
          indicators: [{ name: 'minors_found', value: 143 }], staff: { salariedFte: 6, volunteers: 12 }, fundedStaffFte: 6,
        },
      }]));

    it('refuses an indicator the mandate does not declare', () =>
      given([granted()]).when(reportActivity({ indicators: [{ name: 'meals_per_day', value: 2400 }] })).thenThrows('UNKNOWN_INDICATOR'));

    describe('with an indicator added by an amendment effective 1 September', () => {
      const history = [granted(), amended({ effectiveFrom: '2017-09-01', changes: { missions: [...maraudeGrant.missions, meals] } })];
      const september = { periodStart: '2017-09-01', periodEnd: '2017-09-30', indicators: [{ name: 'meals_per_day', value: 2400 }] };

      it('accepts it for a period after the amendment', () =>
        given(history).when(reportActivity(september)).then([{
          type: 'MandateActivityReported',
          schemaVersion: 1,
          data: { mandateId, ...september, staff: { salariedFte: 6, volunteers: 12 }, fundedStaffFte: 6 },
        }]));

      it('refuses it for a period before the amendment', () =>
        given(history).when(reportActivity({ indicators: september.indicators })).thenThrows('UNKNOWN_INDICATOR'));
    });

    it('refuses a period outside the mandate', () =>
      given([granted()]).when(reportActivity({ periodStart: '2017-07-01', periodEnd: '2017-07-31' })).thenThrows('REPORT_OUTSIDE_PERIOD'));

    it('refuses a period after the termination took effect', () =>
      given([granted(), terminated()]).when(reportActivity({ periodStart: '2017-11-01', periodEnd: '2017-11-30' })).thenThrows('REPORT_OUTSIDE_PERIOD'));

    it('refuses a period that ends before it starts', () =>
      given([granted()]).when(reportActivity({ periodStart: '2017-08-31', periodEnd: '2017-08-01' })).thenThrows('INVALID_PERIOD'));

    it('refuses a period not yet over', () =>
      given([granted({ period: { start: '2017-07-27', end: '2018-12-31' } })])
        .when(reportActivity({ periodStart: '2018-01-01', periodEnd: '2018-01-31' }))
        .thenThrows('DATE_IN_FUTURE'));

    it('refuses a negative indicator value', () =>
      given([granted()]).when(reportActivity({ indicators: [{ name: 'minors_found', value: -3 }] })).thenThrows('INVALID_INDICATOR_VALUE'));

    it('refuses the same indicator twice', () =>
      given([granted()]).when(reportActivity({ indicators: [{ name: 'minors_found', value: 3 }, { name: 'minors_found', value: 4 }] }))
        .thenThrows('DUPLICATE_INDICATOR'));

    it('refuses a fractional number of volunteers', () =>
      given([granted()]).when(reportActivity({ staff: { salariedFte: 6, volunteers: 2.5 } })).thenThrows('INVALID_STAFFING'));

    it('cannot report on a mandate that was never granted', () => given([]).when(reportActivity()).thenThrows('MANDATE_NOT_FOUND'));
  });

  describe('completing the mission', () => {
    it('records the final report', () => given([granted()]).when(completeMission()).then([completed()]));

    it('may complete a mission before the end of the period', () =>
      given([granted()]).when(completeMission({ completedOn: '2017-12-15' })).then([completed({ completedOn: '2017-12-15' })]));

    it('cannot complete a mission twice', () =>
      given([granted(), completed()]).when(completeMission()).thenThrows('MANDATE_COMPLETED'));

    it('cannot complete a mission before the mandate starts', () =>
      given([granted()]).when(completeMission({ completedOn: '2017-07-26' })).thenThrows('COMPLETION_BEFORE_START'));

    it('cannot complete the mission of a terminated mandate', () =>
      given([granted(), terminated()]).when(completeMission()).thenThrows('MANDATE_TERMINATED'));

    it('cannot complete a mission on a future date', () =>
      given([granted({ period: { start: '2017-07-27', end: '2018-12-31' } })]).when(completeMission({ completedOn: '2018-06-30' })).thenThrows('DATE_IN_FUTURE'));

    it('refuses final indicators the mandate does not declare', () =>
      given([granted()]).when(completeMission({ indicators: [{ name: 'showers_per_week', value: 1 }] })).thenThrows('UNKNOWN_INDICATOR'));

    it('needs a summary', () => given([granted()]).when(completeMission({ summary: '' })).thenThrows('INVALID_FIELD'));
  });
});
