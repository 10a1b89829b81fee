import { randomUUID } from 'node:crypto';
import { CommandRunner } from '@mandate-ledger/application';
import type { GrantMandate } from '@mandate-ledger/domain';
import { EVENT_STORE } from '@mandate-ledger/event-store';
import { mealContract } from '../../libs/domain/src/testing/mandate.fixtures';
import { startApi, type TestApi } from '../support/api';
import { grantBody, laVieActive } from '../support/calais-bodies';
import { validateDecp, validateScdlSubventionsCsv } from '../support/open-data-schemas';

// Payments, financial reports, the €23,000 rule, publication deadlines and the open-data exports of
// the 27 July 2017 outreach agreement, over real HTTP, with the access rules of the other routes.

const PREFECTURE = '13000548100002';
const schedule = [
  { dueDate: '2017-08-15', amountCents: 6_000_000 },
  { dueDate: '2017-11-15', amountCents: 6_000_000 },
];

describe('money and open data over HTTP', () => {
  let api: TestApi;
  let officer: string;
  let officer59: string;
  let auditor: string;
  let operator: string;
  let otherOperator: string;
  let operatorId: string;
  let mandateId: string;
  let position = '0';

  const post = async (path: string, body: object, token = officer, status = 201) => {
    const response = await api.http.post(path).set('Authorization', token).send(body);
    expect({ path, status: response.status, body: response.status === status ? undefined : response.body }).toEqual({ path, status, body: undefined });
    if (status === 201) position = response.body.position;
    return response;
  };
  const get = (path: string, token = officer) => api.http.get(path.includes('?') ? `${path}&minPosition=${position}` : `${path}?minPosition=${position}`).set('Authorization', token);

  beforeAll(async () => {
    api = await startApi();
    officer = api.bearer({ sub: 'agent-62', role: 'officer', departements: ['62'] });
    officer59 = api.bearer({ sub: 'agent-59', role: 'officer', departements: ['59'] });
    auditor = api.bearer({ sub: 'ccomptes-1', role: 'auditor' });
    operatorId = (await post('/operators', laVieActive)).body.id;
    operator = api.bearer({ sub: 'lva-1', role: 'operator', operatorId });
    otherOperator = api.bearer({ sub: 'ftda-1', role: 'operator', operatorId: '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f' });
    const body = grantBody(operatorId);
    mandateId = (await post('/mandates', { ...body, financing: { ...body.financing, schedule } })).body.id;
  });
  afterAll(() => api.close());

  describe('payments', () => {
    it('records a payment, and the mandate page and the board show paid, due and overdue', async () => {
      await post(`/mandates/${mandateId}/payments`, { dueDate: '2017-08-15', paidOn: '2017-08-21', amountCents: 6_000_000, chorusReference: 'DP-2017-000871' });
      const page = (await get(`/mandates/${mandateId}?on=2017-12-01`).expect(200)).body;
      expect(page.payments).toMatchObject({ scheduledCents: 12_000_000, paidCents: 6_000_000, dueCents: 0, overdueCents: 6_000_000, withheldCents: 0 });
      expect(page.payments.instalments).toEqual([
        { dueDate: '2017-08-15', amountCents: 6_000_000, paidCents: 6_000_000, outstandingCents: 0, standing: 'paid', daysOverdue: 0 },
        { dueDate: '2017-11-15', amountCents: 6_000_000, paidCents: 0, outstandingCents: 6_000_000, standing: 'overdue', daysOverdue: 16 },
      ]);
      const board = (await get('/mandates?on=2017-10-01').expect(200)).body;
      expect(board.items.find((item: { id: string }) => item.id === mandateId).payments).toMatchObject({ paidCents: 6_000_000, dueCents: 6_000_000, overdueCents: 0 });
    });

    it('lists overdue instalments by département, within each principal’s scope', async () => {
      const overdue = (await get('/finance/overdue-instalments?on=2017-12-01&departement=62').expect(200)).body;
      expect(overdue).toEqual({
        on: '2017-12-01',
        items: [expect.objectContaining({ mandateId, operatorId, departement: '62', dueDate: '2017-11-15', outstandingCents: 6_000_000, daysOverdue: 16 })],
      });
      expect((await get('/finance/overdue-instalments?on=2017-12-01', officer59).expect(200)).body.items).toEqual([]);
      expect((await get('/finance/overdue-instalments?on=2017-12-01', auditor).expect(200)).body.items).toHaveLength(1);
      expect((await get('/finance/overdue-instalments?on=2017-12-01', operator).expect(200)).body.items).toHaveLength(1);
      expect((await get('/finance/overdue-instalments?on=2017-12-01', otherOperator).expect(200)).body.items).toEqual([]);
    });

    it('refuses a payment beyond the instalment, and an officer of another département', async () => {
      const refused = await post(`/mandates/${mandateId}/payments`, { dueDate: '2017-11-15', paidOn: '2017-11-20', amountCents: 6_000_001, chorusReference: 'DP-X' }, officer, 409);
      expect(refused.body.code).toBe('PAYMENT_EXCEEDS_INSTALMENT');
      const outside = await post(`/mandates/${mandateId}/payments`, { dueDate: '2017-11-15', paidOn: '2017-11-20', amountCents: 1, chorusReference: 'DP-X' }, officer59, 403);
      expect(outside.body.code).toBe('OUTSIDE_DEPARTEMENTS');
      await post(`/mandates/${mandateId}/payments`, { dueDate: '2017-11-15', paidOn: '2017-11-20', amountCents: 0, chorusReference: 'DP-X' }, officer, 400);
    });

    it('withholds the second instalment for the 2017 financial report missing past its due date; it is then no longer overdue', async () => {
      await post(`/mandates/${mandateId}/payment-withholdings`, {
        dueDate: '2017-11-15', decidedOn: '2018-07-10', decisionReference: 'AP-2018-0710', reason: 'compte rendu financier 2017 non reçu', financialReportYear: 2017,
      });
      const page = (await get(`/mandates/${mandateId}?on=2018-07-15`).expect(200)).body;
      expect(page.payments).toMatchObject({ overdueCents: 0, withheldCents: 6_000_000 });
      expect(page.payments.withholdings).toEqual([expect.objectContaining({ financialReportYear: 2017 })]);
      expect((await get('/finance/overdue-instalments?on=2018-07-15').expect(200)).body.items).toEqual([]);
    });

    it('orders a recovery of part of what was paid', async () => {
      await post(`/mandates/${mandateId}/recoveries`, { titreReference: 'TP-2018-0042', orderedOn: '2018-07-20', amountCents: 1_500_000, reason: 'unspent balance' });
      expect((await get(`/mandates/${mandateId}?on=2018-08-01`).expect(200)).body.payments.recoveredCents).toBe(1_500_000);
    });
  });

  describe('financial reports', () => {
    it('lists the 2017 report as missing after 30 June 2018', async () => {
      const late = (await get('/finance/late-financial-reports?on=2018-07-15', auditor).expect(200)).body;
      expect(late.items).toEqual([expect.objectContaining({ mandateId, financialYear: 2017, dueOn: '2018-06-30', receivedOn: null, standing: 'missing', daysLate: 15 })]);
    });

    it('takes the report from the mandated operator itself, never from another', async () => {
      const body = { financialYear: 2017, receivedOn: '2018-08-02', spentCents: 11_400_000 };
      const refused = await post(`/mandates/${mandateId}/financial-reports`, body, otherOperator, 403);
      expect(refused.body.code).toBe('NOT_OWN_MANDATE');
      await post(`/mandates/${mandateId}/financial-reports`, body, operator);
      const late = (await get('/finance/late-financial-reports?on=2018-09-01').expect(200)).body;
      expect(late.items).toEqual([expect.objectContaining({ mandateId, financialYear: 2017, receivedOn: '2018-08-02', standing: 'received_late', daysLate: 33 })]);
    });
  });

  describe('the €23,000 rule', () => {
    const order = (reference: string, amountCents: number, year = 2017) => {
      const body = grantBody(operatorId);
      return {
        ...body,
        instrument: { kind: 'attribution_order', reference, decisionDate: `${year}-09-01` },
        period: { start: `${year}-09-01`, end: `${year}-12-31` },
        financing: { ...body.financing, amountCents },
      };
    };

    it('refuses an order that takes the year’s subsidies to the operator above the threshold, naming the total and the decisions', async () => {
      // The agreement of July (€120,000) counts too: any order to the same operator in 2017 goes over.
      const refused = await post('/mandates', order('AP-2017-0901', 100_000), officer, 422);
      expect(refused.body).toMatchObject({
        code: 'WRITTEN_AGREEMENT_REQUIRED',
        year: 2017,
        totalCents: 12_100_000,
        thresholdCents: 2_300_000,
        subsidies: [
          { reference: 'AP-2017-0901', amountCents: 100_000 },
          { mandateId, reference: 'CONV-2017-62-014', amountCents: 12_000_000 },
        ],
      });
      // Another year's total is its own.
      await post('/mandates', order('AP-2016-0901', 100_000, 2016));
      expect((await get('/finance/written-agreement-breaches', auditor).expect(200)).body).toEqual({ items: [] });
    });

    it('lists a year the rule let slip above the threshold, as a grant decided at once in another process would', async () => {
      // Another process that had not yet seen the agreement of July: its own read of the operator's mandates found none.
      const blind = new CommandRunner(api.app.get(EVENT_STORE), { writtenAgreementThresholdCents: 2_300_000, operatorMandates: async () => [] });
      const { data } = { data: order('AP-2017-0902', 100_000) };
      const result = await blind.run(
        { type: 'GrantMandate', data: { ...(data as never as Omit<GrantMandate['data'], 'mandateId'>), mandateId: randomUUID() } },
        { actor: { sub: 'agent-62', role: 'officer', departements: ['62'] }, now: new Date().toISOString(), correlationId: 'race' },
      );
      position = String(result.position);
      const breaches = (await get('/finance/written-agreement-breaches?year=2017', auditor).expect(200)).body.items;
      expect(breaches).toEqual([{
        authority: { name: 'Préfet du Pas-de-Calais', siret: PREFECTURE },
        operatorId,
        year: 2017,
        totalCents: 12_100_000,
        thresholdCents: 2_300_000,
        subsidies: [
          { mandateId, reference: 'CONV-2017-62-014', instrumentKind: 'annual_agreement', amountCents: 12_000_000 },
          { mandateId: result.id, reference: 'AP-2017-0902', instrumentKind: 'attribution_order', amountCents: 100_000 },
        ].sort((a, b) => a.mandateId.localeCompare(b.mandateId)),
      }]);
    });
  });

  describe('publication deadlines and exports', () => {
    let contractId: string;

    beforeAll(async () => {
      const body = grantBody(operatorId);
      contractId = (await post('/mandates', {
        ...body,
        instrument: mealContract,
        missions: [{ type: 'MEAL_DISTRIBUTION', indicators: [{ name: 'meals', unit: 'meals', target: 2500, kind: 'rate', per: 'day' }] }],
        period: { start: '2018-03-06', end: '2019-03-05' },
        financing: { ...body.financing, amountCents: 360_000_000 },
      })).body.id;
    });

    it('shows when each must be published, and lists those published late or not yet', async () => {
      expect((await get(`/mandates/${mandateId}?on=2017-12-01`).expect(200)).body.publication).toEqual({
        dataset: 'scdl_subventions', from: '2017-07-27', dueOn: '2017-10-27', publishedOn: null, standing: 'late', daysLate: 35,
      });
      expect((await get(`/mandates/${contractId}?on=2018-04-01`).expect(200)).body.publication).toMatchObject({ dataset: 'decp', from: '2018-03-05', dueOn: '2018-05-05', standing: 'not_yet_due' });
      await post(`/mandates/${mandateId}/publications`, { dataset: 'scdl_subventions', publishedOn: '2017-11-02' });
      const late = (await get('/finance/late-publications?on=2018-06-01').expect(200)).body.items;
      expect(late.map((item: { mandateId: string; standing: string; daysLate: number }) => [item.mandateId, item.standing, item.daysLate])).toEqual([
        [mandateId, 'published_late', 6],
        [contractId, 'late', 27],
      ]);
    });

    it('exports the authority’s subsidies of a year as SCDL subventions 2.1.1, valid against the published schema', async () => {
      const response = await get(`/exports/scdl-subventions.csv?authority=${PREFECTURE}&year=2017`, auditor).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = response.text.split('\r\n');
      // The July agreement and the order of September (the one granted past the rule), then the final line break.
      expect(lines).toHaveLength(4);
      expect(lines[1]).toContain(`,${PREFECTURE},2017-07-27,CONV-2017-62-014,La Vie Active,`);
      expect(validateScdlSubventionsCsv(response.text)).toEqual([]);
      expect((await get(`/exports/scdl-subventions.csv?authority=${PREFECTURE}&year=2017`, officer59).expect(200)).text.split('\r\n')).toHaveLength(2);
    });

    it('exports the public contracts notified in a year as DECP 2.0.3, valid against the published schema', async () => {
      const document = (await get('/exports/decp.json?year=2018').expect(200)).body;
      expect(document.marches.marche).toEqual([expect.objectContaining({ id: 'MP-2018-001', montant: 3_600_000, dateNotification: '2018-03-05' })]);
      expect(validateDecp(document)).toEqual([]);
      expect((await get('/exports/decp.json?year=2018', otherOperator).expect(200)).body).toEqual({ marches: { marche: [] } });
    });

    it('asks for the authority and the year', async () => {
      const missing = await get('/exports/scdl-subventions.csv?year=2017').expect(400);
      expect(missing.body.errors.map((error: { field: string }) => error.field)).toEqual(['authority']);
      await get('/exports/decp.json').expect(400);
    });
  });
});
