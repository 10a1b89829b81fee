import type { OrderMandateRecovery, ReceiveMandateFinancialReport, RecordMandatePayment, RecordMandatePublication, WithholdMandatePayment } from '@mandate-ledger/domain';
import { plainData } from '../../http/plain-data';
import { failingFields, validInstance } from '../../http/request-validation.testing';
import { OrderMandateRecoveryRequest } from '../order-mandate-recovery/order-mandate-recovery.request';
import { ReceiveMandateFinancialReportRequest } from '../receive-mandate-financial-report/receive-mandate-financial-report.request';
import { RecordMandatePaymentRequest } from '../record-mandate-payment/record-mandate-payment.request';
import { RecordMandatePublicationRequest } from '../record-mandate-publication/record-mandate-publication.request';
import { WithholdMandatePaymentRequest } from '../withhold-mandate-payment/withhold-mandate-payment.request';

type Data<Command extends { data: object }> = Omit<Command['data'], 'mandateId'>;

const payment: Data<RecordMandatePayment> = { dueDate: '2017-08-15', paidOn: '2017-08-21', amountCents: 6_000_000, chorusReference: 'DP-2017-000871' };
const withholding: Data<WithholdMandatePayment> = { dueDate: '2017-11-15', decidedOn: '2018-07-10', decisionReference: 'AP-2018-0710', reason: 'compte rendu financier 2017 non reçu', financialReportYear: 2017 };
const recovery: Data<OrderMandateRecovery> = { titreReference: 'TP-2018-0042', orderedOn: '2018-07-20', amountCents: 1_500_000, reason: 'unspent balance' };
const report: Data<ReceiveMandateFinancialReport> = { financialYear: 2017, receivedOn: '2018-05-02', spentCents: 11_400_000 };
const publication: Data<RecordMandatePublication> = { dataset: 'scdl_subventions', publishedOn: '2017-09-01' };

describe('the requests of payments, financial reports and publications', () => {
  it.each<[string, new () => object, object]>([
    ['a payment', RecordMandatePaymentRequest, payment],
    ['a withholding', WithholdMandatePaymentRequest, withholding],
    ['a recovery', OrderMandateRecoveryRequest, recovery],
    ['a financial report', ReceiveMandateFinancialReportRequest, report],
    ['a publication', RecordMandatePublicationRequest, publication],
  ])('map %s onto the domain command’s data as plain JSON data', async (_case, type, body) => {
    expect(plainData(await validInstance(type as never, body))).toStrictEqual(body);
  });

  it.each<[string, new () => object, object, string[]]>([
    ['a payment of no cents', RecordMandatePaymentRequest, { ...payment, amountCents: 0 }, ['amountCents']],
    ['a payment without its Chorus reference', RecordMandatePaymentRequest, { ...payment, chorusReference: '' }, ['chorusReference']],
    ['a payment on a date that does not exist', RecordMandatePaymentRequest, { ...payment, paidOn: '2017-02-30' }, ['paidOn']],
    ['a withholding without a reason', WithholdMandatePaymentRequest, { ...withholding, reason: '' }, ['reason']],
    ['a withholding naming a year that is no year', WithholdMandatePaymentRequest, { ...withholding, financialReportYear: 17.5 }, ['financialReportYear']],
    ['a recovery in euros', OrderMandateRecoveryRequest, { ...recovery, amountCents: 15_000.5 }, ['amountCents']],
    ['a financial report with a negative amount spent', ReceiveMandateFinancialReportRequest, { ...report, spentCents: -1 }, ['spentCents']],
    ['a publication in another data set', RecordMandatePublicationRequest, { ...publication, dataset: 'boamp' }, ['dataset']],
  ])('refuse %s, naming the field', async (_case, type, body, fields) => {
    expect(await failingFields(type as never, body)).toEqual(fields);
  });
});

