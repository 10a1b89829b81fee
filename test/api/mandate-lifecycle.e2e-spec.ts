import { randomUUID } from 'node:crypto';
import { startApi, type TestApi } from '../support/api';
import { grantBody, laVieActive } from '../support/calais-bodies';

// The lifecycle of the 27 July 2017 outreach agreement for minors in Calais, over real HTTP.

describe('operators and mandates over HTTP', () => {
  let api: TestApi;
  let officer: string;
  let operatorId: string;

  beforeAll(async () => {
    api = await startApi();
    officer = api.bearer({ sub: 'agent-62', role: 'officer', departements: ['62'] });
    const response = await api.http.post('/operators').set('Authorization', officer).send(laVieActive).expect(201);
    operatorId = response.body.id;
  });
  afterAll(() => api.close());

  const grant = async () => {
    const response = await api.http.post('/mandates').set('Authorization', officer).send(grantBody(operatorId)).expect(201);
    return response.body.id as string;
  };
  const history = async (id: string) => (await api.http.get(`/mandates/${id}/history`).set('Authorization', officer).expect(200)).body;

  describe('writes', () => {
    it('answers a registration with id, revision and position, and the operator reads back with its ETag', async () => {
      const created = await api.http.post('/operators').set('Authorization', officer).send({ ...laVieActive, name: 'AUDASSE' }).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), revision: 0, position: expect.stringMatching(/^\d+$/) });

      const read = await api.http.get(`/operators/${created.body.id}`).set('Authorization', officer).expect(200);
      expect(read.headers.etag).toBe('"0"');
      expect(read.body).toMatchObject({ id: created.body.id, name: 'AUDASSE', status: 'registered', siret: '73282932000074' });
    });

    it('updates an operator with PATCH, then deregisters it; a deregistered operator gets no new mandate', async () => {
      const created = await api.http.post('/operators').set('Authorization', officer).send({ ...laVieActive, name: 'Salam' }).expect(201);
      const id = created.body.id;
      const patched = await api.http.patch(`/operators/${id}`).set('Authorization', officer).send({ salariedFte: 140, rna: null }).expect(200);
      expect(patched.body).toMatchObject({ id, revision: 1 });
      const unchanged = await api.http.patch(`/operators/${id}`).set('Authorization', officer).send({ salariedFte: 140 }).expect(200);
      expect(unchanged.body.revision).toBe(1);
      expect((await api.http.get(`/operators/${id}`).set('Authorization', officer).expect(200)).body).toMatchObject({ salariedFte: 140 });

      await api.http.post(`/operators/${id}/deregistration`).set('Authorization', officer).send({ effectiveFrom: '2018-01-31', reason: 'dissolved' }).expect(201);
      expect((await api.http.get(`/operators/${id}`).set('Authorization', officer)).body.status).toBe('deregistered');
      const refused = await api.http.post('/mandates').set('Authorization', officer).send(grantBody(id)).expect(409);
      expect(refused.body.code).toBe('OPERATOR_DEREGISTERED');
      const again = await api.http.patch(`/operators/${id}`).set('Authorization', officer).send({ salariedFte: 1 }).expect(409);
      expect(again.body.code).toBe('OPERATOR_DEREGISTERED');
    });

    it('terminates a mandate from a date: terminated from then on, and closed to renewal', async () => {
      const id = await grant();
      await api.http
        .post(`/mandates/${id}/terminations`)
        .set('Authorization', officer)
        .send({ effectiveFrom: '2017-11-15', reason: 'operator withdrew', decisionReference: 'AP-2017-1115' })
        .expect(201);
      expect((await api.http.get(`/mandates/${id}?on=2017-11-14`).set('Authorization', officer)).body.status).toBe('active');
      expect((await api.http.get(`/mandates/${id}?on=2017-11-15`).set('Authorization', officer)).body).toMatchObject({
        status: 'terminated',
        terminatedFrom: '2017-11-15',
      });
      const renewal = await api.http.post(`/mandates/${id}/renewals`).set('Authorization', officer).send({ newEnd: '2018-12-31', decisionReference: 'X' }).expect(409);
      expect(renewal.body.code).toBe('MANDATE_TERMINATED');
    });

    it('takes the id a client gives, in any case, as one lower-case id', async () => {
      const id = randomUUID();
      const created = await api.http.post('/mandates').set('Authorization', officer).send({ ...grantBody(operatorId), id: id.toUpperCase() }).expect(201);
      expect(created.body.id).toBe(id);
      await api.http.get(`/mandates/${id.toUpperCase()}`).set('Authorization', officer).expect(200);
    });

    it('stores exactly the fields sent: no empty optional members in the event data', async () => {
      const id = await grant();
      const [granted] = await history(id);
      expect(Object.keys(granted.data.instrument).sort()).toEqual(['decisionDate', 'kind', 'reference', 'signatureDate']);
      expect(granted.data).not.toHaveProperty('linkedObligations');
    });

    it('takes a mandate through suspension, reinstatement, renewal, activity report and completion', async () => {
      const id = await grant();
      const post = (path: string, body: object) => api.http.post(`/mandates/${id}/${path}`).set('Authorization', officer).send(body).expect(201);
      await post('suspensions', { effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' });
      await post('reinstatements', { effectiveFrom: '2017-10-09', decisionReference: 'AP-2017-1011' });
      await post('renewals', { newEnd: '2018-06-30', decisionReference: 'CONV-2018-62-003' });
      await post('amendments', { effectiveFrom: '2017-11-01', decisionReference: 'AVENANT-1', changes: { staffing: { salariedFte: 8 } } });
      await post('activity-reports', {
        periodStart: '2017-08-01',
        periodEnd: '2017-08-31',
        indicators: [{ name: 'minors_found', value: 143 }],
        staff: { salariedFte: 6, volunteers: 12 },
      });
      const completed = await post('completion', {
        completedOn: '2018-06-30',
        summary: 'Daily outreach held all year',
        indicators: [{ name: 'minors_found', value: 1210 }],
        staff: { salariedFte: 8, volunteers: 3 },
      });
      expect(completed.body.revision).toBe(6);

      const on = async (date: string) => (await api.http.get(`/mandates/${id}?on=${date}`).set('Authorization', officer).expect(200)).body;
      expect((await on('2017-07-01')).status).toBe('pending');
      expect((await on('2017-09-15')).status).toBe('active');
      expect((await on('2017-10-05')).status).toBe('suspended');
      expect((await on('2017-10-09')).status).toBe('active');
      expect((await on('2017-11-15')).terms.staffing.salariedFte).toBe(8);
      expect((await on('2018-03-01')).status).toBe('active');
      expect((await on('2018-07-01')).status).toBe('completed');
      expect((await history(id)).map((e: { type: string }) => e.type)).toEqual([
        'MandateGranted',
        'MandateSuspended',
        'MandateReinstated',
        'MandateRenewed',
        'MandateAmended',
        'MandateActivityReported',
        'MandateMissionCompleted',
      ]);
    });

    it('records the actor, the correlation id and the request id in every event', async () => {
      const id = await grant();
      await api.http
        .post(`/mandates/${id}/suspensions`)
        .set('Authorization', officer)
        .set('X-Correlation-Id', 'ticket-4521')
        .send({ effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' })
        .expect(201);
      const [granted, suspended] = await history(id);
      expect(suspended).toMatchObject({
        revision: 1,
        type: 'MandateSuspended',
        position: expect.stringMatching(/^\d+$/),
        recordedAt: expect.stringMatching(/Z$/),
        metadata: { actor: { sub: 'agent-62', role: 'officer' }, correlationId: 'ticket-4521', requestId: expect.any(String) },
      });
      expect(BigInt(suspended.position)).toBeGreaterThan(BigInt(granted.position));
    });
  });

  describe('preconditions and retries', () => {
    it('refuses a stale If-Match with 412 and accepts the current one', async () => {
      const id = await grant();
      const suspension = { effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' };
      const stale = await api.http.post(`/mandates/${id}/suspensions`).set('Authorization', officer).set('If-Match', '"3"').send(suspension).expect(412);
      expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412 });
      expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
      const fresh = await api.http.post(`/mandates/${id}/suspensions`).set('Authorization', officer).set('If-Match', '"0"').send(suspension).expect(201);
      expect(fresh.headers.etag).toBe('"1"');
    });

    it('lets two concurrent writers on one mandate both land when their decisions are compatible: the loser retries once', async () => {
      const id = await grant();
      const report = (month: string) => ({
        periodStart: `2017-${month}-01`,
        periodEnd: `2017-${month}-28`,
        indicators: [{ name: 'minors_found', value: 10 }],
        staff: { salariedFte: 6, volunteers: 0 },
      });
      const responses = await Promise.all(
        ['08', '09'].map((month) => api.http.post(`/mandates/${id}/activity-reports`).set('Authorization', officer).send(report(month))),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201]);
      expect(responses.map((r) => r.body.revision).sort()).toEqual([1, 2]);
      expect((await history(id)).map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2]);
    });

    it('lets only one of two writers with the same If-Match win; the other gets 412', async () => {
      const id = await grant();
      const suspend = () =>
        api.http
          .post(`/mandates/${id}/suspensions`)
          .set('Authorization', officer)
          .set('If-Match', '"0"')
          .send({ effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' });
      const statuses = (await Promise.all([suspend(), suspend()])).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 412]);
      expect(await history(id)).toHaveLength(2);
    });

    it('replays the first answer for a repeated Idempotency-Key and appends nothing', async () => {
      const key = randomUUID();
      const first = await api.http.post('/mandates').set('Authorization', officer).set('Idempotency-Key', key).send(grantBody(operatorId)).expect(201);
      const again = await api.http.post('/mandates').set('Authorization', officer).set('Idempotency-Key', key).send(grantBody(operatorId)).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await history(first.body.id)).toHaveLength(1);

      const suspension = { effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' };
      const path = `/mandates/${first.body.id}/suspensions`;
      const once = await api.http.post(path).set('Authorization', officer).set('Idempotency-Key', 'suspend-1').send(suspension).expect(201);
      // Deciding again would be refused (already suspended): the replay answers without deciding.
      const twice = await api.http.post(path).set('Authorization', officer).set('Idempotency-Key', 'suspend-1').send(suspension).expect(201);
      expect(twice.body).toEqual(once.body);
      expect(await history(first.body.id)).toHaveLength(2);
    });
  });

  describe('time travel on a single mandate', () => {
    it('answers asKnownAt from the events recorded up to that instant, and on from effective dates', async () => {
      const id = await grant();
      const [granted] = await history(id);
      // A suspension decided later, effective since before: the record before it did not know.
      await api.http
        .post(`/mandates/${id}/suspensions`)
        .set('Authorization', officer)
        .send({ effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' })
        .expect(201);
      const asKnown = await api.http
        .get(`/mandates/${id}?on=2017-10-05&asKnownAt=${encodeURIComponent(granted.recordedAt)}`)
        .set('Authorization', officer)
        .expect(200);
      expect(asKnown.body).toMatchObject({ status: 'active', revision: 0, asKnownAt: granted.recordedAt });
      expect(asKnown.headers.etag).toBe('"0"');
      const now = await api.http.get(`/mandates/${id}?on=2017-10-05`).set('Authorization', officer).expect(200);
      expect(now.body).toMatchObject({ status: 'suspended', revision: 1 });

      await api.http.get(`/mandates/${id}?asKnownAt=2017-01-01T00:00:00Z`).set('Authorization', officer).expect(404);
    });
  });

  describe('refusals', () => {
    it('answers 400 with every failing field, and appends nothing', async () => {
      const body = { ...grantBody(operatorId), period: { start: '2017-02-30', end: '2017-12-31', extra: 1 }, unknown: true };
      const response = await api.http.post('/mandates').set('Authorization', officer).send(body).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['unknown', 'period.start', 'period.extra']));
    });

    it('answers malformed JSON and a non-UUID id with 400 problems, never a 500', async () => {
      const malformed = await api.http.post('/mandates').set('Authorization', officer).set('Content-Type', 'application/json').send('{"operatorId": ').expect(400);
      expect(malformed.body.code).toBe('MALFORMED_BODY');
      const badId = await api.http.get('/mandates/not-a-uuid').set('Authorization', officer).expect(400);
      expect(badId.body.code).toBe('VALIDATION_FAILED');
      const tooLarge = await api.http
        .post('/mandates')
        .set('Authorization', officer)
        .send({ ...grantBody(operatorId), legalBasis: [{ source: 'x'.repeat(300_000) }] })
        .expect(413);
      expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers a domain refusal with its code: 422 for an invalid SIRET, 409 for a state that forbids it', async () => {
      const badSiret = await api.http.post('/operators').set('Authorization', officer).send({ ...laVieActive, siret: '73282932000075' }).expect(422);
      expect(badSiret.body.code).toBe('INVALID_SIRET');

      const id = await grant();
      const reinstate = await api.http
        .post(`/mandates/${id}/reinstatements`)
        .set('Authorization', officer)
        .send({ effectiveFrom: '2017-10-09', decisionReference: 'AP-2017-1011' })
        .expect(409);
      expect(reinstate.body.code).toBe('MANDATE_NOT_SUSPENDED');
      expect(await history(id)).toHaveLength(1);
    });

    it('refuses a subsidy above the threshold without a written agreement', async () => {
      const body = { ...grantBody(operatorId), instrument: { kind: 'attribution_order', reference: 'AP-2017-77', decisionDate: '2017-07-27' } };
      const response = await api.http.post('/mandates').set('Authorization', officer).send(body).expect(422);
      expect(response.body.code).toBe('WRITTEN_AGREEMENT_REQUIRED');
    });

    it('refuses a mandate for an operator that is not registered', async () => {
      const response = await api.http.post('/mandates').set('Authorization', officer).send(grantBody(randomUUID())).expect(409);
      expect(response.body.code).toBe('OPERATOR_NOT_REGISTERED');
    });

    it('answers 404 for an unknown mandate', async () => {
      const response = await api.http.get(`/mandates/${randomUUID()}`).set('Authorization', officer).expect(404);
      expect(response.body.code).toBe('MANDATE_NOT_FOUND');
    });
  });

  describe('access', () => {
    it('refuses a request without a valid token', async () => {
      await api.http.get(`/operators/${operatorId}`).expect(401);
      const forged = await api.http.get(`/operators/${operatorId}`).set('Authorization', 'Bearer a.b.c').expect(401);
      expect(forged.body.code).toBe('INVALID_TOKEN');
    });

    it('lets an auditor read everything and write nothing', async () => {
      const auditor = api.bearer({ sub: 'ccomptes-1', role: 'auditor' });
      const id = await grant();
      await api.http.get(`/mandates/${id}`).set('Authorization', auditor).expect(200);
      await api.http.get(`/mandates/${id}/history`).set('Authorization', auditor).expect(200);
      const write = await api.http
        .post(`/mandates/${id}/suspensions`)
        .set('Authorization', auditor)
        .send({ effectiveFrom: '2017-10-02', reason: 'x', decisionReference: 'y' })
        .expect(403);
      expect(write.body.code).toBe('ROLE_NOT_ALLOWED');
    });

    it('keeps an officer within its départements', async () => {
      const nord = api.bearer({ sub: 'agent-59', role: 'officer', departements: ['59'] });
      const id = await grant();
      expect((await api.http.get(`/mandates/${id}`).set('Authorization', nord).expect(403)).body.code).toBe('OUTSIDE_DEPARTEMENTS');
      await api.http.post('/mandates').set('Authorization', nord).send(grantBody(operatorId)).expect(403);
      await api.http
        .post(`/mandates/${id}/terminations`)
        .set('Authorization', nord)
        .send({ effectiveFrom: '2017-11-15', reason: 'x', decisionReference: 'y' })
        .expect(403);
    });

    it('lets an operator read and report on its own mandates only', async () => {
      const own = api.bearer({ sub: 'lva-1', role: 'operator', operatorId });
      const other = api.bearer({ sub: 'fta-1', role: 'operator', operatorId: randomUUID() });
      const id = await grant();
      const report = { periodStart: '2017-08-01', periodEnd: '2017-08-31', indicators: [{ name: 'minors_found', value: 143 }], staff: { salariedFte: 6, volunteers: 12 } };
      await api.http.post(`/mandates/${id}/activity-reports`).set('Authorization', own).send(report).expect(201);
      await api.http.get(`/mandates/${id}`).set('Authorization', own).expect(200);
      expect((await api.http.post(`/mandates/${id}/activity-reports`).set('Authorization', other).send(report).expect(403)).body.code).toBe(
        'NOT_OWN_MANDATE',
      );
      await api.http
        .post(`/mandates/${id}/suspensions`)
        .set('Authorization', own)
        .send({ effectiveFrom: '2017-10-02', reason: 'x', decisionReference: 'y' })
        .expect(403);
    });
  });
});
