import { DomainError } from '../shared/domain-error';
import { deciderSpecification } from '../testing/decider-specification';
import { granted, grantMandate, maraudeGrant, mealContract, metadata, renewMandate } from '../testing/mandate.fixtures';
import { OtherSubsidy } from './mandate.commands';
import { createMandateDecider, DEFAULT_MANDATE_DECIDER_CONFIG, mandateDecider } from './mandate.decider';
import {
  MandateEvent,
  MandateFinancialReportReceived,
  MandateOpenDataPublished,
  MandatePaymentMade,
  MandatePaymentWithheld,
  MandateRecoveryOrdered,
} from './mandate.events';
import { fundingYearsOf } from './mandate.finance';
import { Financing } from './mandate.terms';

const given = deciderSpecification(mandateDecider);
const mandateId = maraudeGrant.mandateId;

// The outreach agreement of 27 July 2017, paid in two instalments.
const schedule = [
  { dueDate: '2017-08-15', amountCents: 6_000_000 },
  { dueDate: '2017-11-15', amountCents: 6_000_000 },
];
const scheduled = granted({ financing: { ...maraudeGrant.financing, schedule } });

const paymentMade = (data: Partial<MandatePaymentMade['data']> = {}): MandatePaymentMade => ({
  type: 'MandatePaymentMade',
  schemaVersion: 1,
  data: { mandateId, dueDate: '2017-08-15', paidOn: '2017-08-21', amountCents: 6_000_000, chorusReference: 'DP-2017-000871', ...data },
});
const recordPayment = (data: Partial<MandatePaymentMade['data']> = {}) =>
  ({ type: 'RecordMandatePayment', data: paymentMade(data).data, metadata }) as const;

const withheld = (data: Partial<MandatePaymentWithheld['data']> = {}): MandatePaymentWithheld => ({
  type: 'MandatePaymentWithheld',
  schemaVersion: 1,
  data: { mandateId, decisionReference: 'AP-2017-1120', dueDate: '2017-11-15', decidedOn: '2017-11-10', reason: 'activity reports not filed', ...data },
});
const withhold = (data: Partial<MandatePaymentWithheld['data']> = {}) => ({ type: 'WithholdMandatePayment', data: withheld(data).data, metadata }) as const;

const recoveryOrdered = (data: Partial<MandateRecoveryOrdered['data']> = {}): MandateRecoveryOrdered => ({
  type: 'MandateRecoveryOrdered',
  schemaVersion: 1,
  data: { mandateId, titreReference: 'TP-2018-0042', orderedOn: '2018-01-10', amountCents: 1_500_000, reason: 'unspent balance', ...data },
});
const orderRecovery = (data: Partial<MandateRecoveryOrdered['data']> = {}) => ({ type: 'OrderMandateRecovery', data: recoveryOrdered(data).data, metadata }) as const;

const reportReceived = (data: Partial<MandateFinancialReportReceived['data']> = {}): MandateFinancialReportReceived => ({
  type: 'MandateFinancialReportReceived',
  schemaVersion: 1,
  data: { mandateId, financialYear: 2017, receivedOn: '2018-05-02', spentCents: 11_400_000, ...data },
});
const receiveReport = (data: Partial<MandateFinancialReportReceived['data']> = {}) =>
  ({ type: 'ReceiveMandateFinancialReport', data: reportReceived(data).data, metadata: { ...metadata, now: '2019-01-15T10:00:00Z' } }) as const;

const published = (data: Partial<MandateOpenDataPublished['data']> = {}): MandateOpenDataPublished => ({
  type: 'MandateOpenDataPublished',
  schemaVersion: 1,
  data: { mandateId, dataset: 'scdl_subventions', publishedOn: '2017-09-01', ...data },
});
const recordPublication = (data: Partial<MandateOpenDataPublished['data']> = {}) => ({ type: 'RecordMandatePublication', data: published(data).data, metadata }) as const;

describe('a mandate’s money', () => {
  describe('the payment schedule', () => {
    it('is recorded with the grant when its instalments add up to the financing', () =>
      given([]).when(grantMandate({ financing: scheduled.data.financing })).then([scheduled]));

    it('schedules one instalment a day at most', () =>
      given([]).when(grantMandate({ financing: { ...maraudeGrant.financing, schedule: [schedule[0], { ...schedule[1], dueDate: '2017-08-15' }] } }))
        .thenThrows('DUPLICATE_INSTALMENT'));

    it('cannot bring, with a renewal, an instalment on a day already scheduled', () =>
      given([scheduled])
        .when(renewMandate({ financing: { ...maraudeGrant.financing, amountCents: 100, schedule: [{ dueDate: '2017-11-15', amountCents: 100 }] } }))
        .thenThrows('DUPLICATE_INSTALMENT'));
  });

  describe('recording a payment', () => {
    it('records the payment of an instalment with its Chorus reference', () => given([scheduled]).when(recordPayment()).then([paymentMade()]));

    it('records a part payment, then the rest', () =>
      given([scheduled, paymentMade({ amountCents: 4_000_000 })]).when(recordPayment({ amountCents: 2_000_000, paidOn: '2017-09-01' }))
        .then([paymentMade({ amountCents: 2_000_000, paidOn: '2017-09-01' })]));

    it('cannot pay more than what remains of the instalment', () =>
      given([scheduled, paymentMade({ amountCents: 4_000_000 })]).when(recordPayment({ amountCents: 2_000_001 })).thenThrows('PAYMENT_EXCEEDS_INSTALMENT'));

    it('cannot pay an instalment already paid in full', () =>
      given([scheduled, paymentMade()]).when(recordPayment({ amountCents: 1 })).thenThrows('INSTALMENT_ALREADY_PAID'));

    it('cannot pay an instalment the schedule does not hold', () =>
      given([scheduled]).when(recordPayment({ dueDate: '2017-09-15' })).thenThrows('INSTALMENT_NOT_FOUND'));

    it('cannot pay a withheld instalment', () =>
      given([scheduled, withheld()]).when(recordPayment({ dueDate: '2017-11-15', paidOn: '2017-11-20' })).thenThrows('INSTALMENT_WITHHELD'));

    it('refuses a payment dated in the future', () =>
      given([scheduled]).when(recordPayment({ paidOn: '2018-02-01' })).thenThrows('DATE_IN_FUTURE'));

    it.each([0, -5, 1.5])('refuses an amount of %p cents', (amountCents) =>
      given([scheduled]).when(recordPayment({ amountCents })).thenThrows('INVALID_AMOUNT'));

    it('needs the Chorus reference', () => given([scheduled]).when(recordPayment({ chorusReference: ' ' })).thenThrows('INVALID_FIELD'));

    it('cannot pay on a mandate that was never granted', () => given([]).when(recordPayment()).thenThrows('MANDATE_NOT_FOUND'));
  });

  describe('withholding a payment', () => {
    it('withholds an instalment for a stated reason', () => given([scheduled]).when(withhold()).then([withheld()]));

    it('cannot withhold an instalment twice', () => given([scheduled, withheld()]).when(withhold()).thenThrows('INSTALMENT_WITHHELD'));

    it('cannot withhold an instalment already paid', () =>
      given([scheduled, paymentMade()]).when(withhold({ dueDate: '2017-08-15' })).thenThrows('INSTALMENT_ALREADY_PAID'));

    it('cannot withhold an instalment the schedule does not hold', () =>
      given([scheduled]).when(withhold({ dueDate: '2017-12-01' })).thenThrows('INSTALMENT_NOT_FOUND'));

    it('needs a reason', () => given([scheduled]).when(withhold({ reason: '' })).thenThrows('INVALID_FIELD'));

    describe('because a financial report is late', () => {
      // The 2017 report of an agreement renewed to the end of 2018 was due by 30 June 2018.
      const renewed = {
        type: 'MandateRenewed',
        schemaVersion: 1,
        data: {
          mandateId, decisionReference: 'CONV-2018-62-003', previousEnd: '2017-12-31', newEnd: '2018-12-31',
          financing: { ...maraudeGrant.financing, amountCents: 24_000_000, schedule: [{ dueDate: '2018-03-15', amountCents: 12_000_000 }, { dueDate: '2018-09-15', amountCents: 12_000_000 }] },
        },
      } as const satisfies MandateEvent;
      const late = { ...metadata, now: '2018-09-20T10:00:00Z' };
      const withholdFor = (data: Partial<MandatePaymentWithheld['data']>) => ({ ...withhold({ dueDate: '2018-09-15', decidedOn: '2018-09-10', reason: 'compte rendu financier 2017 non reçu', ...data }), metadata: late });

      it('names the year whose report is missing past its due date', () =>
        given([scheduled, renewed]).when(withholdFor({ financialReportYear: 2017 }))
          .then([withheld({ dueDate: '2018-09-15', decidedOn: '2018-09-10', reason: 'compte rendu financier 2017 non reçu', financialReportYear: 2017 })]));

      it('cannot name a report that is not yet due', () =>
        given([scheduled, renewed]).when(withholdFor({ decidedOn: '2018-06-30', financialReportYear: 2017 })).thenThrows('FINANCIAL_REPORT_NOT_LATE'));

      it('cannot name a report that was received', () =>
        given([scheduled, renewed, reportReceived({ receivedOn: '2018-07-20' })]).when(withholdFor({ financialReportYear: 2017 }))
          .thenThrows('FINANCIAL_REPORT_NOT_LATE'));

      it('cannot name a year the mandate was not in force', () =>
        given([scheduled, renewed]).when(withholdFor({ financialReportYear: 2016 })).thenThrows('FINANCIAL_YEAR_OUTSIDE_MANDATE'));
    });
  });

  describe('ordering a recovery', () => {
    it('orders the operator to pay back part of what it was paid (titre de perception)', () =>
      given([scheduled, paymentMade()]).when(orderRecovery()).then([recoveryOrdered()]));

    it('cannot recover more than was paid and not yet recovered', () =>
      given([scheduled, paymentMade(), recoveryOrdered({ amountCents: 5_000_000 })]).when(orderRecovery({ amountCents: 1_000_001 })).thenThrows('RECOVERY_EXCEEDS_PAID'));

    it('cannot recover anything from a mandate nothing was paid on', () =>
      given([scheduled]).when(orderRecovery({ amountCents: 1 })).thenThrows('RECOVERY_EXCEEDS_PAID'));

    it('needs the titre’s reference', () => given([scheduled, paymentMade()]).when(orderRecovery({ titreReference: '' })).thenThrows('INVALID_FIELD'));
  });

  describe('receiving a financial report', () => {
    it('records the report of a financial year with the amounts spent', () => given([scheduled]).when(receiveReport()).then([reportReceived()]));

    it('records a report received late as it is: lateness is read on a date', () =>
      given([scheduled]).when(receiveReport({ receivedOn: '2018-09-03' })).then([reportReceived({ receivedOn: '2018-09-03' })]));

    it('cannot receive the same year’s report twice', () =>
      given([scheduled, reportReceived()]).when(receiveReport()).thenThrows('FINANCIAL_REPORT_ALREADY_RECEIVED'));

    it('cannot receive a report for a year the mandate was not in force', () =>
      given([scheduled]).when(receiveReport({ financialYear: 2018 })).thenThrows('FINANCIAL_YEAR_OUTSIDE_MANDATE'));

    it('cannot receive a report before the end of its year', () =>
      given([scheduled]).when(receiveReport({ receivedOn: '2017-12-30' })).thenThrows('FINANCIAL_REPORT_BEFORE_YEAR_END'));

    it('owes no financial report for a public contract', () =>
      given([granted({ instrument: mealContract, period: { start: '2018-03-06', end: '2019-03-05' } })]).when(receiveReport({ financialYear: 2018, receivedOn: '2019-01-10' }))
        .thenThrows('FINANCIAL_YEAR_OUTSIDE_MANDATE'));

    it('refuses a negative amount spent', () => given([scheduled]).when(receiveReport({ spentCents: -1 })).thenThrows('INVALID_AMOUNT'));
  });

  describe('recording a publication in open data', () => {
    it('records when a subsidy was published in SCDL subventions', () => given([scheduled]).when(recordPublication()).then([published()]));

    it('records when a public contract was published in DECP', () =>
      given([granted({ instrument: mealContract, period: { start: '2018-03-06', end: '2019-03-05' } })])
        .when({ ...recordPublication({ dataset: 'decp', publishedOn: '2018-04-20' }), metadata: { ...metadata, now: '2018-05-01T10:00:00Z' } })
        .then([published({ dataset: 'decp', publishedOn: '2018-04-20' })]));

    it('cannot publish a subsidy in DECP, which is for public contracts', () =>
      given([scheduled]).when(recordPublication({ dataset: 'decp' })).thenThrows('NOT_PUBLISHED_IN_DATASET'));

    it('cannot publish twice in the same data set', () => given([scheduled, published()]).when(recordPublication()).thenThrows('ALREADY_PUBLISHED'));

    it('cannot publish before the decision', () => given([scheduled]).when(recordPublication({ publishedOn: '2017-07-01' })).thenThrows('PUBLICATION_BEFORE_DECISION'));
  });
});

describe('the €23,000 rule: the subsidies of one authority to one operator in a year', () => {
  const byOrder = (amountCents: number, reference = 'AP-2017-0801', period = { start: '2017-09-01', end: '2017-12-31' }) => ({
    instrument: { kind: 'attribution_order', reference, decisionDate: period.start } as const,
    financing: { ...maraudeGrant.financing, amountCents } satisfies Financing,
    period,
  });
  const other = (amountCents: number, changes: Partial<OtherSubsidy> = {}): OtherSubsidy => ({
    mandateId: 'mandate-water',
    operatorId: maraudeGrant.operatorId,
    authoritySiret: maraudeGrant.authority.siret,
    instrumentKind: 'attribution_order',
    reference: 'AP-2017-0501',
    fundings: [{ from: '2017-05-01', to: '2017-08-31', amountCents }],
    ...changes,
  });
  const grantByOrder = (amountCents: number, subsidies: OtherSubsidy[]) => ({ ...grantMandate(byOrder(amountCents)), subsidies });
  const refusal = (command: ReturnType<typeof grantByOrder>) => {
    try {
      mandateDecider.decide(command, mandateDecider.initialState());
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('granted');
  };

  it('lets an order grant what keeps the year’s total at the threshold', () =>
    given([]).when(grantByOrder(1_300_000, [other(1_000_000)])).then([granted(byOrder(1_300_000))]));

  it('needs a written agreement once the year’s total exceeds the threshold', () =>
    given([]).when(grantByOrder(1_300_001, [other(1_000_000)])).thenThrows('WRITTEN_AGREEMENT_REQUIRED'));

  it('names the year, the total and each decision it adds up', () => {
    const error = refusal(grantByOrder(1_500_000, [other(1_000_000)]));
    expect(error.details).toEqual({
      year: 2017,
      totalCents: 2_500_000,
      thresholdCents: 2_300_000,
      subsidies: [
        { mandateId, reference: 'AP-2017-0801', amountCents: 1_500_000 },
        { mandateId: 'mandate-water', reference: 'AP-2017-0501', amountCents: 1_000_000 },
      ],
    });
    expect(error.message).toContain('2500000 cents (AP-2017-0801: 1500000, AP-2017-0501: 1000000)');
  });

  it('counts the subsidies granted under a written agreement too', () =>
    given([]).when(grantByOrder(500_000, [other(2_000_000, { instrumentKind: 'annual_agreement', reference: 'CONV-2017-62-021' })])).thenThrows('WRITTEN_AGREEMENT_REQUIRED'));

  it('does not count another authority’s subsidies', () =>
    given([]).when(grantByOrder(2_000_000, [other(2_000_000, { authoritySiret: '21620193700016' })])).then([granted(byOrder(2_000_000))]));

  it('does not count another year’s subsidies', () =>
    given([]).when(grantByOrder(2_000_000, [other(2_000_000, { fundings: [{ from: '2016-05-01', to: '2016-12-31', amountCents: 2_000_000 }] })])).then([granted(byOrder(2_000_000))]));

  it('does not count a public contract, which buys a service', () =>
    given([]).when(grantByOrder(2_000_000, [other(50_000_000, { instrumentKind: 'public_contract' })])).then([granted(byOrder(2_000_000))]));

  it('never refuses a written agreement, whatever the total', () =>
    given([]).when({ ...grantMandate(), subsidies: [other(5_000_000)] }).then([granted()]));

  it('checks the total again when an amendment raises an order’s financing', () =>
    given([granted(byOrder(1_000_000))])
      .when({ type: 'AmendMandate', data: { mandateId, effectiveFrom: '2017-10-01', decisionReference: 'AP-2017-1001', changes: { financing: byOrder(1_400_000).financing } }, subsidies: [other(1_000_000)], metadata })
      .thenThrows('WRITTEN_AGREEMENT_REQUIRED'));

  it('checks the total again when a renewal brings financing for the next year', () =>
    given([granted(byOrder(1_000_000))])
      .when({ ...renewMandate({ newEnd: '2018-06-30', financing: byOrder(1_500_000).financing }), subsidies: [other(1_000_000, { fundings: [{ from: '2018-01-01', to: '2018-12-31', amountCents: 1_000_000 }] })] })
      .thenThrows('WRITTEN_AGREEMENT_REQUIRED'));

  it('takes the threshold from configuration', () =>
    deciderSpecification(createMandateDecider({ ...DEFAULT_MANDATE_DECIDER_CONFIG, writtenAgreementThresholdCents: 1_500_000 }))([])
      .when(grantByOrder(600_000, [other(1_000_000)]))
      .thenThrows('WRITTEN_AGREEMENT_REQUIRED'));

  describe('a funding’s part of each year', () => {
    it('counts a funding of a year or less whole, in the year it begins', () =>
      expect(fundingYearsOf({ from: '2017-07-01', to: '2018-06-30', amountCents: 3_000_000 })).toEqual([{ year: 2017, from: '2017-07-01', to: '2018-06-30', amountCents: 3_000_000 }]));

    it('cuts a longer funding into years from its first day, sharing the amount by days', () =>
      expect(fundingYearsOf({ from: '2017-01-01', to: '2018-12-31', amountCents: 5_000_001 })).toEqual([
        { year: 2017, from: '2017-01-01', to: '2017-12-31', amountCents: 2_500_000 },
        { year: 2018, from: '2018-01-01', to: '2018-12-31', amountCents: 2_500_001 },
      ]));
  });
});
