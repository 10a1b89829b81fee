import { randomUUID } from 'node:crypto';
import type { TokenClaims } from '@mandate-ledger/access';
import { startApi, type TestApi } from '../support/api';

// The order of the administrative court of Lille (référé n° 1705379, 26 June 2017), upheld by the
// Conseil d'État (n° 412125, 412171), recorded and refused over real HTTP.

const order = { court: 'Tribunal administratif de Lille', caseNumbers: ['1705379'], decisionDate: '2017-06-26', procedure: 'refere_liberte' };
const upheld = { court: "Conseil d'État", caseNumbers: ['412125', '412171'], decisionDate: '2017-07-31', outcome: 'upheld' };
const CALAIS = { departement: '62', communes: ['62193'] };
const GRANDE_SYNTHE = { departement: '59', communes: ['59271'] };

const maraude = {
  obligationId: 'maraude-minors',
  decision: '1705379',
  article: 'art. 2',
  text: 'mettre en place un dispositif adapté de maraude quotidienne à destination des mineurs non accompagnés',
  addressees: [{ kind: 'prefet', name: 'Préfet du Pas-de-Calais' }],
  missionType: 'MARAUDE_MINORS',
  territory: CALAIS,
  deadlineDays: 10,
  penaltyPerDayCents: 10_000,
};
const water = {
  ...maraude,
  obligationId: 'water-points',
  article: 'art. 3',
  text: 'créer plusieurs points d’eau permettant de boire, de se laver et de laver leurs vêtements',
  addressees: [{ kind: 'prefet', name: 'Préfet du Pas-de-Calais' }, { kind: 'commune', name: 'Commune de Calais' }],
  missionType: 'WATER_ACCESS',
};
const notification = { decision: '1705379', notifiedOn: '2017-07-03' };
const evidence = { sha256: 'ab'.repeat(32), title: 'Rapport de la maraude, août 2017', documentDate: '2017-09-05' };
const consultation = { heldOn: '2017-09-20', parties: ['Préfet du Pas-de-Calais', 'Commune de Calais', 'Secours catholique'], summary: 'Point sur les maraudes' };
const satisfaction = { satisfiedOn: '2017-09-01', reason: 'maraude held daily since 27 July' };
const contestation = { contestedOn: '2017-10-10', contestedBy: 'Secours catholique', reason: 'no maraude during the suspension' };
const closure = { closedOn: '2018-01-10', reason: 'injunctions executed' };
// Notified on 3 July: the penalty runs from 14 July; 14–26 July is 13 days, €1,300 at most.
const liquidation = {
  obligationId: 'maraude-minors',
  decisionReference: 'TA Lille 1707711',
  liquidatedOn: '2017-10-20',
  period: { from: '2017-07-14', to: '2017-07-26' },
  amountCents: 90_000,
  stateShareCents: 22_500,
  moderation: 'diligences accomplies par le préfet depuis la notification',
};
const review = { reviewId: 'bilan-ce', kind: 'bilan', decision: '412125', dueOn: '2017-08-31', subject: 'bilan des mesures prises', obligationIds: ['maraude-minors'] };

const operatorBody = (departements: string[]) => ({
  name: "France terre d'asile",
  legalForm: 'association_rup',
  siren: '732829320',
  siret: '73282932000074',
  rna: 'W621000001',
  departements,
  languages: ['ar', 'ps'],
  salariedFte: 900,
});
const grantBody = (operatorId: string, territory: { departement: string; communes: string[] }) => ({
  operatorId,
  authority: { kind: 'prefecture', name: 'Préfet', siret: '13000548100002', departement: territory.departement },
  instrument: { kind: 'annual_agreement', reference: 'CONV-2017-014', decisionDate: '2017-07-27', signatureDate: '2017-07-27' },
  legalBasis: [{ source: 'court_decision', reference: 'TA Lille 1705379' }],
  missions: [{ type: 'MARAUDE_MINORS', indicators: [{ name: 'minors_found', unit: 'persons', target: 100 }] }],
  territory,
  period: { start: '2017-07-27', end: '2017-12-31' },
  financing: { amountCents: 12_000_000, nature: 'cash', paymentTerms: 'single', programme: '177' },
  staffing: { salariedFte: 6 },
});

describe('compliance cases over HTTP', () => {
  let api: TestApi;
  let officer: string;
  let admin: string;
  /** A mandate in Calais and one in Grande-Synthe (59), granted by an admin. */
  let calaisMandate: string;
  let nordMandate: string;

  const token = (claims: TokenClaims) => api.bearer(claims);

  beforeAll(async () => {
    api = await startApi();
    officer = token({ sub: 'agent-62', role: 'officer', departements: ['62'] });
    admin = token({ sub: 'admin-1', role: 'admin' });
    const operatorId = (await api.http.post('/operators').set('Authorization', admin).send(operatorBody(['59', '62'])).expect(201)).body.id;
    calaisMandate = (await api.http.post('/mandates').set('Authorization', admin).send(grantBody(operatorId, CALAIS)).expect(201)).body.id;
    nordMandate = (await api.http.post('/mandates').set('Authorization', admin).send(grantBody(operatorId, GRANDE_SYNTHE)).expect(201)).body.id;
  });
  afterAll(() => api.close());

  const post = (path: string, body: object, as = officer) => api.http.post(path).set('Authorization', as).send(body);
  const on = (id: string, path: string, body: object, as = officer) => post(`/compliance-cases/${id}/${path}`, body, as);
  const open = async (as = officer) => (await post('/compliance-cases', order, as).expect(201)).body.id as string;
  /** A case of the Lille order with its outreach obligation (Calais, 62). */
  const withMaraude = async () => {
    const id = await open();
    await on(id, 'obligations', maraude).expect(201);
    return id;
  };
  const read = async (id: string, as = officer) => (await api.http.get(`/compliance-cases/${id}`).set('Authorization', as).expect(200)).body;
  const history = async (id: string, as = officer) => (await api.http.get(`/compliance-cases/${id}/history`).set('Authorization', as).expect(200)).body;
  const refusal = async (request: PromiseLike<{ status: number; body: { code: string; status: number }; headers: Record<string, string> }>) => {
    const response = await request;
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.status).toBe(response.status);
    return { status: response.status, code: response.body.code };
  };

  describe('writes', () => {
    it('opens a case and answers id, revision and position; the case reads back with its ETag', async () => {
      const created = await post('/compliance-cases', order).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), revision: 0, position: expect.stringMatching(/^\d+$/) });
      expect(created.headers.etag).toBe('"0"');

      const response = await api.http.get(`/compliance-cases/${created.body.id}`).set('Authorization', officer).expect(200);
      expect(response.headers.etag).toBe('"0"');
      expect(response.body).toMatchObject({
        id: created.body.id,
        revision: 0,
        status: 'open',
        procedure: 'refere_liberte',
        decisions: [{ kind: 'opening', court: 'Tribunal administratif de Lille', caseNumbers: ['1705379'], decisionDate: '2017-06-26' }],
        obligations: [],
        departements: [],
        closedOn: null,
      });
    });

    it('takes the id a client gives, in any case, as one lower-case id', async () => {
      const id = randomUUID();
      const created = await post('/compliance-cases', { ...order, id: id.toUpperCase() }).expect(201);
      expect(created.body.id).toBe(id);
      await api.http.get(`/compliance-cases/${id.toUpperCase()}`).set('Authorization', officer).expect(200);
    });

    it('records every command of a case, from the order to its closure, and reads them back', async () => {
      const id = await open();
      const steps: [string, object][] = [
        ['appeals', upheld],
        ['obligations', maraude],
        ['obligations', water],
        ['notifications', notification],
        ['measures', { obligationId: 'maraude-minors', mandateId: calaisMandate, effectiveFrom: '2017-07-27' }],
        ['evidence', { ...evidence, obligationId: 'maraude-minors' }],
        ['consultations', consultation],
        ['obligations/maraude-minors/satisfaction', satisfaction],
        ['obligations/maraude-minors/contestation', contestation],
        ['closure', closure],
      ];
      for (const [index, [path, body]] of steps.entries()) {
        const response = await on(id, path, body).expect(201);
        expect(response.body).toMatchObject({ id, revision: index + 1 });
      }

      const view = await read(id);
      expect(view).toMatchObject({ revision: 10, status: 'closed', closedOn: '2018-01-10', closureReason: 'injunctions executed', departements: ['62'] });
      expect(view.decisions).toEqual([
        { kind: 'opening', court: order.court, caseNumbers: order.caseNumbers, decisionDate: order.decisionDate, notifiedOn: '2017-07-03' },
        { kind: 'appeal', ...upheld, supersedes: [] },
      ]);
      expect(view.obligations.map((o: { obligationId: string }) => o.obligationId)).toEqual(['maraude-minors', 'water-points']);
      expect(view.obligations[0]).toMatchObject({
        notifiedOn: '2017-07-03',
        deadline: '2017-07-13',
        orderedOn: '2017-06-26',
        measures: [{ mandateId: calaisMandate, effectiveFrom: '2017-07-27' }],
        assessments: [
          { kind: 'satisfied', on: '2017-09-01' },
          { kind: 'contested', on: '2017-10-10', by: 'Secours catholique' },
        ],
      });
      expect(view.evidence).toEqual([{ ...evidence, obligationId: 'maraude-minors' }]);
      expect(view.consultations).toEqual([consultation]);

      expect((await history(id)).map((e: { type: string }) => e.type)).toEqual([
        'ComplianceCaseOpened',
        'ComplianceAppealDecided',
        'ComplianceObligationAdded',
        'ComplianceObligationAdded',
        'ComplianceDecisionNotified',
        'ComplianceMeasureLinked',
        'ComplianceEvidenceAttached',
        'ComplianceConsultationHeld',
        'ComplianceObligationSatisfied',
        'ComplianceObligationContested',
        'ComplianceCaseClosed',
      ]);
    });

    it('records an obligation one-off, under a penalty shared by its article from a date of its own', async () => {
      const id = await open();
      const shared = { ...water, oneOff: true, penaltyScope: 'article', penaltyStartsOn: '2017-07-20' };
      await on(id, 'obligations', shared).expect(201);
      expect((await read(id)).obligations[0]).toMatchObject({ oneOff: true, penaltyScope: 'article', penaltyStartsOn: '2017-07-20' });
      expect(await refusal(on(id, 'obligations', { ...shared, obligationId: 'latrines', penaltyPerDayCents: 5_000 }))).toEqual({ status: 409, code: 'PENALTY_MISMATCH' });
    });

    it('records a liquidation of the penalty by the judge and a review the court asks for, and reads them back', async () => {
      const id = await withMaraude();
      await on(id, 'appeals', upheld).expect(201);
      await on(id, 'notifications', notification).expect(201);
      expect((await on(id, 'liquidations', liquidation).expect(201)).body).toMatchObject({ id, revision: 4 });
      expect((await on(id, 'reviews', review).expect(201)).body).toMatchObject({ id, revision: 5 });
      const view = await read(id);
      expect(view.liquidations).toEqual([liquidation]);
      expect(view.reviews).toEqual([{ ...review, requestedOn: '2017-07-31' }]);
      expect((await history(id)).slice(-2).map((e: { type: string; schemaVersion: number }) => [e.type, e.schemaVersion])).toEqual([
        ['CompliancePenaltyLiquidated', 1],
        ['ComplianceReviewRequested', 1],
      ]);
    });

    it('records an appellate decision that modifies the order, superseding an obligation', async () => {
      const id = await withMaraude();
      await on(id, 'appeals', { ...upheld, outcome: 'modified', supersedes: ['maraude-minors'] }).expect(201);
      expect((await read(id)).obligations[0].supersededBy).toEqual({ on: '2017-07-31', decision: '412125' });
    });

    it('stores a digest sent in upper case in lower case, and exactly the fields sent', async () => {
      const id = await open();
      await on(id, 'evidence', { ...evidence, sha256: evidence.sha256.toUpperCase() }).expect(201);
      const [, attached] = await history(id);
      expect(attached.data).toEqual({ complianceCaseId: id, ...evidence });
    });

    it('records the actor, the correlation id and the request id in every event', async () => {
      const id = await open();
      await on(id, 'obligations', maraude).set('X-Correlation-Id', 'greffe-2017-0626').expect(201);
      const [opened, added] = await history(id);
      expect(opened.metadata).toMatchObject({ actor: { sub: 'agent-62', role: 'officer' }, correlationId: expect.any(String), requestId: expect.any(String) });
      expect(added).toMatchObject({
        revision: 1,
        position: expect.stringMatching(/^\d+$/),
        recordedAt: expect.stringMatching(/Z$/),
        metadata: { actor: { sub: 'agent-62', role: 'officer' }, correlationId: 'greffe-2017-0626', requestId: expect.any(String) },
      });
    });

    it('filters the history by type', async () => {
      const id = await withMaraude();
      await on(id, 'notifications', notification).expect(201);
      const filtered = (await api.http.get(`/compliance-cases/${id}/history?type=ComplianceDecisionNotified`).set('Authorization', officer).expect(200)).body;
      expect(filtered).toEqual([expect.objectContaining({ type: 'ComplianceDecisionNotified', revision: 2 })]);
    });
  });

  describe('time travel', () => {
    it('answers asKnownAt from the events recorded up to that instant', async () => {
      const id = await open();
      const [opened] = await history(id);
      await on(id, 'obligations', maraude).expect(201);
      const asKnown = await api.http
        .get(`/compliance-cases/${id}?asKnownAt=${encodeURIComponent(opened.recordedAt)}`)
        .set('Authorization', officer)
        .expect(200);
      expect(asKnown.body).toMatchObject({ revision: 0, asKnownAt: opened.recordedAt, obligations: [] });
      expect(asKnown.headers.etag).toBe('"0"');
      expect((await read(id)).obligations).toHaveLength(1);

      const before = await refusal(api.http.get(`/compliance-cases/${id}?asKnownAt=2017-01-01T00:00:00Z`).set('Authorization', officer));
      expect(before).toEqual({ status: 404, code: 'COMPLIANCE_CASE_NOT_FOUND' });
      expect((await refusal(api.http.get(`/compliance-cases/${id}?asKnownAt=yesterday`).set('Authorization', officer))).code).toBe('VALIDATION_FAILED');
    });
  });

  describe('preconditions and retries', () => {
    it('refuses a stale If-Match with 412 and accepts the current one', async () => {
      const id = await withMaraude();
      const stale = await refusal(on(id, 'notifications', notification).set('If-Match', '"0"'));
      expect(stale).toEqual({ status: 412, code: 'PRECONDITION_FAILED' });
      const fresh = await on(id, 'notifications', notification).set('If-Match', '"1"').expect(201);
      expect(fresh.headers.etag).toBe('"2"');
      expect(await history(id)).toHaveLength(3);
    });

    it('refuses an If-Match that is no revision', async () => {
      const id = await open();
      expect(await refusal(on(id, 'obligations', maraude).set('If-Match', 'latest'))).toEqual({ status: 400, code: 'INVALID_IF_MATCH' });
    });

    it('replays the first answer for a repeated Idempotency-Key and appends nothing', async () => {
      const key = randomUUID();
      const first = await post('/compliance-cases', order).set('Idempotency-Key', key).expect(201);
      const again = await post('/compliance-cases', order).set('Idempotency-Key', key).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');

      const id = first.body.id;
      const once = await on(id, 'obligations', maraude).set('Idempotency-Key', 'add-maraude').expect(201);
      // Deciding again would be refused (OBLIGATION_ALREADY_ADDED): the replay answers without deciding.
      const twice = await on(id, 'obligations', maraude).set('Idempotency-Key', 'add-maraude').expect(201);
      expect(twice.body).toEqual(once.body);
      expect(await history(id)).toHaveLength(2);
    });
  });

  describe('refusals', () => {
    it('answers 400 with every failing field, and appends nothing', async () => {
      const head = async () => (await api.http.get('/health/details').set('Authorization', admin).expect(200)).body.eventStore.headPosition;
      const before = await head();
      const response = await post('/compliance-cases', { ...order, caseNumbers: [], decisionDate: '2017-06-31', procedure: 'référé', judge: 'X' }).expect(400);
      expect(await head()).toBe(before);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['caseNumbers', 'decisionDate', 'judge', 'procedure']);
    });

    it('answers 400 for a malformed case id or obligation id in the path', async () => {
      expect(await refusal(on('case-1', 'closure', closure))).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      const id = await withMaraude();
      const response = await on(id, 'obligations/maraude%20minors/satisfaction', satisfaction).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'obligationId' }] });
    });

    it('answers 404 COMPLIANCE_CASE_NOT_FOUND for a case never opened, on a read and on a write', async () => {
      const id = randomUUID();
      expect(await refusal(api.http.get(`/compliance-cases/${id}`).set('Authorization', officer))).toEqual({ status: 404, code: 'COMPLIANCE_CASE_NOT_FOUND' });
      expect(await refusal(api.http.get(`/compliance-cases/${id}/history`).set('Authorization', officer))).toEqual({ status: 404, code: 'COMPLIANCE_CASE_NOT_FOUND' });
      expect(await refusal(on(id, 'obligations', maraude))).toEqual({ status: 404, code: 'COMPLIANCE_CASE_NOT_FOUND' });
    });

    it('answers 404 OBLIGATION_NOT_FOUND for an obligation the case does not hold', async () => {
      const id = await withMaraude();
      expect(await refusal(on(id, 'obligations/art-9/satisfaction', satisfaction))).toEqual({ status: 404, code: 'OBLIGATION_NOT_FOUND' });
      expect(await refusal(on(id, 'measures', { obligationId: 'art-9', mandateId: calaisMandate, effectiveFrom: '2017-07-27' }))).toEqual({
        status: 404,
        code: 'OBLIGATION_NOT_FOUND',
      });
    });

    it.each<[string, (id: string) => [string, object][], number, string]>([
      ['COMPLIANCE_CASE_CLOSED', () => [['closure', closure], ['consultations', consultation]], 409, 'COMPLIANCE_CASE_CLOSED'],
      ['CASE_NUMBER_ALREADY_RECORDED', () => [['appeals', { ...upheld, caseNumbers: ['1705379'] }]], 409, 'CASE_NUMBER_ALREADY_RECORDED'],
      ['DECISION_NOT_FOUND', () => [['notifications', { decision: '412125', notifiedOn: '2017-08-02' }]], 409, 'DECISION_NOT_FOUND'],
      ['DECISION_ALREADY_NOTIFIED', () => [['notifications', notification], ['notifications', { ...notification, notifiedOn: '2017-07-04' }]], 409, 'DECISION_ALREADY_NOTIFIED'],
      ['DATE_BEFORE_DECISION', () => [['notifications', { ...notification, notifiedOn: '2017-06-25' }]], 409, 'DATE_BEFORE_DECISION'],
      ['OBLIGATION_ALREADY_ADDED', () => [['obligations', maraude]], 409, 'OBLIGATION_ALREADY_ADDED'],
      [
        'OBLIGATION_SUPERSEDED',
        () => [['appeals', { ...upheld, outcome: 'modified', supersedes: ['maraude-minors'] }], ['obligations/maraude-minors/satisfaction', satisfaction]],
        409,
        'OBLIGATION_SUPERSEDED',
      ],
      ['OBLIGATION_ALREADY_SATISFIED', () => [['obligations/maraude-minors/satisfaction', satisfaction], ['obligations/maraude-minors/satisfaction', satisfaction]], 409, 'OBLIGATION_ALREADY_SATISFIED'],
      ['OBLIGATION_ALREADY_CONTESTED', () => [['obligations/maraude-minors/contestation', contestation], ['obligations/maraude-minors/contestation', contestation]], 409, 'OBLIGATION_ALREADY_CONTESTED'],
      [
        'EFFECTIVE_DATE_OUT_OF_ORDER',
        () => [['obligations/maraude-minors/contestation', contestation], ['obligations/maraude-minors/satisfaction', satisfaction]],
        409,
        'EFFECTIVE_DATE_OUT_OF_ORDER',
      ],
      ['EVIDENCE_ALREADY_ATTACHED', () => [['evidence', evidence], ['evidence', { ...evidence, title: 'the same, renamed' }]], 409, 'EVIDENCE_ALREADY_ATTACHED'],
      ['DATE_IN_FUTURE', () => [['consultations', { ...consultation, heldOn: '2999-01-01' }]], 422, 'DATE_IN_FUTURE'],
      ['UPHELD_SUPERSEDES_NOTHING', () => [['appeals', { ...upheld, supersedes: ['maraude-minors'] }]], 422, 'UPHELD_SUPERSEDES_NOTHING'],
      [
        'DUPLICATE_ADDRESSEE',
        () => [['obligations', { ...water, addressees: [{ kind: 'prefet' }, { kind: 'prefet' }] }]],
        422,
        'DUPLICATE_ADDRESSEE',
      ],
      // The domain's INVALID_FIELD for a blank text no longer comes into play over HTTP: the edge refuses it first.
      ['VALIDATION_FAILED on a blank summary', () => [['consultations', { ...consultation, summary: '   ' }]], 400, 'VALIDATION_FAILED'],
      ['INVALID_COMMUNE', () => [['obligations', { ...water, territory: { departement: '62', communes: ['62000'] } }]], 422, 'INVALID_COMMUNE'],
      [
        'COMMUNE_OUTSIDE_DEPARTEMENT',
        () => [['obligations', { ...water, territory: { departement: '62', communes: ['59271'] } }]],
        422,
        'COMMUNE_OUTSIDE_DEPARTEMENT',
      ],
      ['PENALTY_NOT_RUNNING before the notification', () => [['liquidations', liquidation]], 409, 'PENALTY_NOT_RUNNING'],
      ['PENALTY_NOT_RUNNING before the penalty starts', () => [['notifications', notification], ['liquidations', { ...liquidation, period: { from: '2017-07-13', to: '2017-07-26' } }]], 409, 'PENALTY_NOT_RUNNING'],
      ['LIQUIDATION_EXCEEDS_PENALTY', () => [['notifications', notification], ['liquidations', { ...liquidation, amountCents: 130_001 }]], 422, 'LIQUIDATION_EXCEEDS_PENALTY'],
      ['STATE_SHARE_EXCEEDS_AMOUNT', () => [['notifications', notification], ['liquidations', { ...liquidation, stateShareCents: 90_001 }]], 422, 'STATE_SHARE_EXCEEDS_AMOUNT'],
      ['DAYS_AFTER_LIQUIDATION', () => [['notifications', notification], ['liquidations', { ...liquidation, period: { from: '2017-07-14', to: '2017-10-21' } }]], 422, 'DAYS_AFTER_LIQUIDATION'],
      ['DAYS_ALREADY_LIQUIDATED', () => [['notifications', notification], ['liquidations', liquidation], ['liquidations', liquidation]], 409, 'DAYS_ALREADY_LIQUIDATED'],
      ['NO_PENALTY_ORDERED', () => [['obligations', { ...water, penaltyPerDayCents: 0 }], ['notifications', notification], ['liquidations', { ...liquidation, obligationId: 'water-points' }]], 409, 'NO_PENALTY_ORDERED'],
      ['INVALID_PERIOD', () => [['notifications', notification], ['liquidations', { ...liquidation, period: { from: '2017-07-26', to: '2017-07-14' } }]], 422, 'INVALID_PERIOD'],
      ['OBLIGATION_NOT_FOUND for a liquidation', () => [['liquidations', { ...liquidation, obligationId: 'art-9' }]], 404, 'OBLIGATION_NOT_FOUND'],
      ['VALIDATION_FAILED on a liquidation without its days', () => [['liquidations', { ...liquidation, period: undefined }]], 400, 'VALIDATION_FAILED'],
      ['REVIEW_ALREADY_REQUESTED', () => [['appeals', upheld], ['reviews', review], ['reviews', review]], 409, 'REVIEW_ALREADY_REQUESTED'],
      ['DECISION_NOT_FOUND for a review', () => [['reviews', review]], 409, 'DECISION_NOT_FOUND'],
      ['DATE_BEFORE_DECISION for a review', () => [['appeals', upheld], ['reviews', { ...review, dueOn: '2017-07-30' }]], 409, 'DATE_BEFORE_DECISION'],
      ['OBLIGATION_NOT_FOUND for a review', () => [['appeals', upheld], ['reviews', { ...review, obligationIds: ['art-9'] }]], 404, 'OBLIGATION_NOT_FOUND'],
      ['VALIDATION_FAILED on a review of another kind', () => [['reviews', { ...review, kind: 'audit' }]], 400, 'VALIDATION_FAILED'],
      ['PENALTY_MISMATCH', () => [['obligations', { ...water, penaltyScope: 'decision' }], ['obligations', { ...water, obligationId: 'latrines', penaltyScope: 'decision', penaltyPerDayCents: 5_000 }]], 409, 'PENALTY_MISMATCH'],
      [
        'SITE_OUTSIDE_TERRITORY',
        () => [['obligations', { ...water, territory: { ...CALAIS, sites: [{ name: 'Rue de Normandie-Niémen', commune: '62160' }] } }]],
        422,
        'SITE_OUTSIDE_TERRITORY',
      ],
    ])('refuses with %s, and appends nothing', async (_code, steps, status, code) => {
      const id = await withMaraude();
      const all = steps(id);
      for (const [path, body] of all.slice(0, -1)) await on(id, path, body).expect(201);
      const before = (await history(id)).length;
      const [path, body] = all[all.length - 1];
      expect(await refusal(on(id, path, body))).toEqual({ status, code });
      expect(await history(id)).toHaveLength(before);
    });

    it('refuses to open a case twice under one id: 409 COMPLIANCE_CASE_ALREADY_OPENED', async () => {
      const id = randomUUID();
      await post('/compliance-cases', { ...order, id }).expect(201);
      expect(await refusal(post('/compliance-cases', { ...order, id }))).toEqual({ status: 409, code: 'COMPLIANCE_CASE_ALREADY_OPENED' });
    });

    it('refuses to link a mandate never granted (409 MANDATE_NOT_GRANTED) or twice (409 MEASURE_ALREADY_LINKED)', async () => {
      const id = await withMaraude();
      const measure = { obligationId: 'maraude-minors', mandateId: calaisMandate, effectiveFrom: '2017-07-27' };
      expect(await refusal(on(id, 'measures', { ...measure, mandateId: randomUUID() }))).toEqual({ status: 409, code: 'MANDATE_NOT_GRANTED' });
      await on(id, 'measures', measure).expect(201);
      expect(await refusal(on(id, 'measures', { ...measure, effectiveFrom: '2017-08-01' }))).toEqual({ status: 409, code: 'MEASURE_ALREADY_LINKED' });
    });
  });

  describe('access', () => {
    const auditor = () => token({ sub: 'ccomptes-1', role: 'auditor' });
    const operator = () => token({ sub: 'fta-1', role: 'operator', operatorId: randomUUID() });
    const nord = () => token({ sub: 'agent-59', role: 'officer', departements: ['59'] });

    it('answers 401 without a valid token, on reads and writes', async () => {
      const id = await open();
      expect((await api.http.get(`/compliance-cases/${id}`).expect(401)).body.code).toBe('UNAUTHENTICATED');
      expect((await api.http.post('/compliance-cases').send(order).expect(401)).body.code).toBe('UNAUTHENTICATED');
      expect((await api.http.post(`/compliance-cases/${id}/closure`).set('Authorization', 'Bearer a.b.c').send(closure).expect(401)).body.code).toBe(
        'INVALID_TOKEN',
      );
    });

    it('lets an auditor read every case and its history, and write nothing, not even on a case that does not exist', async () => {
      const id = await withMaraude();
      await api.http.get(`/compliance-cases/${id}`).set('Authorization', auditor()).expect(200);
      await api.http.get(`/compliance-cases/${id}/history`).set('Authorization', auditor()).expect(200);
      expect(await refusal(post('/compliance-cases', order, auditor()))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect(await refusal(on(id, 'closure', closure, auditor()))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect(await refusal(on(randomUUID(), 'closure', closure, auditor()))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect(await history(id)).toHaveLength(2);
    });

    it('gives operators no access to cases', async () => {
      const id = await withMaraude();
      expect(await refusal(api.http.get(`/compliance-cases/${id}`).set('Authorization', operator()))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect(await refusal(api.http.get(`/compliance-cases/${id}/history`).set('Authorization', operator()))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect(await refusal(post('/compliance-cases', order, operator()))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect(await refusal(on(id, 'obligations/maraude-minors/contestation', contestation, operator()))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
    });

    it('lets any officer open a case and read it while it has no obligation', async () => {
      const id = await open(nord());
      await read(id, officer);
      await read(id, nord());
    });

    it('keeps an officer to the cases whose obligations lie in its départements', async () => {
      const id = await withMaraude();
      expect(await refusal(api.http.get(`/compliance-cases/${id}`).set('Authorization', nord()))).toEqual({ status: 403, code: 'OUTSIDE_DEPARTEMENTS' });
      expect(await refusal(api.http.get(`/compliance-cases/${id}/history`).set('Authorization', nord()))).toEqual({ status: 403, code: 'OUTSIDE_DEPARTEMENTS' });
      expect(await refusal(on(id, 'notifications', notification, nord()))).toEqual({ status: 403, code: 'OUTSIDE_DEPARTEMENTS' });
      expect(await history(id)).toHaveLength(2);
    });

    it('refuses an officer an obligation outside its départements, even on a case it opened', async () => {
      const id = await open(nord());
      expect(await refusal(on(id, 'obligations', maraude, nord()))).toEqual({ status: 403, code: 'OUTSIDE_DEPARTEMENTS' });
      await on(id, 'obligations', { ...maraude, territory: GRANDE_SYNTHE }, nord()).expect(201);
    });

    it('lets an officer read a case concerning one of its départements, and record on it only when it holds them all', async () => {
      const id = await withMaraude();
      await on(id, 'obligations', { ...water, territory: GRANDE_SYNTHE }, admin).expect(201);
      expect((await read(id, nord())).departements).toEqual(['59', '62']);
      expect(await refusal(on(id, 'consultations', consultation, nord()))).toEqual({ status: 403, code: 'OUTSIDE_DEPARTEMENTS' });
      await on(id, 'consultations', consultation, token({ sub: 'agent-hdf', role: 'officer', departements: ['59', '62'] })).expect(201);
    });

    it("refuses an officer a measure whose mandate lies outside its départements", async () => {
      const id = await withMaraude();
      const measure = { obligationId: 'maraude-minors', mandateId: nordMandate, effectiveFrom: '2017-07-27' };
      expect(await refusal(on(id, 'measures', measure))).toEqual({ status: 403, code: 'OUTSIDE_DEPARTEMENTS' });
      await on(id, 'measures', measure, admin).expect(201);
    });
  });

  describe('the cases index, GET /compliance-cases', () => {
    /** Lists as `as`, once the index has reached `position` (read your own writes). */
    const list = async (query: string, position: string, as = officer) =>
      (await api.http.get(`/compliance-cases?minPosition=${position}&${query}`).set('Authorization', as).expect(200)).body;

    it('lists cases with their obligations, deadlines once notified and linked measures, within the officer’s départements', async () => {
      const calais = await withMaraude();
      await on(calais, 'notifications', notification).expect(201);
      await on(calais, 'measures', { obligationId: 'maraude-minors', mandateId: calaisMandate, effectiveFrom: '2017-07-27' }).expect(201);
      const nord = await open(admin);
      const last = (await on(nord, 'obligations', { ...maraude, territory: GRANDE_SYNTHE }, admin).expect(201)).body.position as string;

      const linked = await list(`mandateId=${calaisMandate.toUpperCase()}`, last);
      expect(linked.items.map((c: { id: string }) => c.id)).toContain(calais);
      expect(linked.items.find((c: { id: string }) => c.id === calais)).toMatchObject({
        court: 'Tribunal administratif de Lille',
        caseNumbers: ['1705379'],
        obligations: [
          { obligationId: 'maraude-minors', departement: '62', notifiedOn: '2017-07-03', deadline: '2017-07-13', standing: 'ordered', measures: [{ mandateId: calaisMandate, effectiveFrom: '2017-07-27' }] },
        ],
      });

      const officers = (await list('departement=59', last)).items.map((c: { id: string }) => c.id);
      expect(officers).not.toContain(nord);
      const admins = (await list('departement=59', last, admin)).items.map((c: { id: string }) => c.id);
      expect(admins).toContain(nord);
      const auditors = (await list('departement=59', last, token({ sub: 'ccomptes-2', role: 'auditor' }))).items.map((c: { id: string }) => c.id);
      expect(auditors).toContain(nord);
      // Overdue on 14 July 2017: the outreach obligation was due on the 13th and is only ordered.
      expect((await list('overdueOn=2017-07-14', last)).items.map((c: { id: string }) => c.id)).toContain(calais);
      expect((await list('overdueOn=2017-07-13', last)).items.map((c: { id: string }) => c.id)).not.toContain(calais);
    });

    it('refuses operators and a bad filter', async () => {
      const asOperator = api.http.get('/compliance-cases').set('Authorization', token({ sub: 'fta-2', role: 'operator', operatorId: randomUUID() }));
      expect(await refusal(asOperator)).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
      const bad = await api.http.get('/compliance-cases?overdueOn=2017-02-30&pageSize=0').set('Authorization', officer).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['overdueOn', 'pageSize']);
    });
  });

  it('documents the compliance case endpoints and bodies in the OpenAPI document', async () => {
    const { body } = await api.http.get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/compliance-cases',
        '/compliance-cases/{id}',
        '/compliance-cases/{id}/history',
        '/compliance-cases/{id}/appeals',
        '/compliance-cases/{id}/obligations',
        '/compliance-cases/{id}/notifications',
        '/compliance-cases/{id}/measures',
        '/compliance-cases/{id}/evidence',
        '/compliance-cases/{id}/consultations',
        '/compliance-cases/{id}/obligations/{obligationId}/satisfaction',
        '/compliance-cases/{id}/obligations/{obligationId}/contestation',
        '/compliance-cases/{id}/liquidations',
        '/compliance-cases/{id}/reviews',
        '/compliance-cases/{id}/closure',
      ]),
    );
    expect(body.paths['/compliance-cases/{id}/obligations'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/AddComplianceObligationRequest',
    });
    expect(body.components.schemas.AddComplianceObligationRequest.properties.addressees).toMatchObject({ type: 'array' });
    expect(body.paths['/compliance-cases/{id}/liquidations'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/LiquidateCompliancePenaltyRequest',
    });
    expect(body.components.schemas.PenaltyScope).toMatchObject({ enum: ['obligation', 'article', 'decision'] });
  });
});
