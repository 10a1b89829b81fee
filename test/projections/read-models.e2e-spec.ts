import { randomUUID } from 'node:crypto';
import { startApi, type TestApi } from '../support/api';
import { type AppSetup, describeWithPostgres, postgresAppSetup, sqliteAppSetup } from '../support/postgres';

// The read side over real HTTP: the board, the operators list and portfolio, the histories, time
// travel and read-your-writes, on the embedded SQLite default (projectors running in the app).

const operatorBody = (name: string, departements: string[]) => ({
  name,
  legalForm: 'association',
  siren: '732829320',
  siret: '73282932000074',
  rna: 'W621000001',
  departements,
  languages: ['ar'],
  salariedFte: 40,
});

interface Grant {
  operatorId: string;
  departement: string;
  communes: string[];
  mission: string;
  start: string;
  end: string;
  amountCents?: number;
  fte?: number;
}

const grantBody = (g: Grant) => ({
  operatorId: g.operatorId,
  authority: { kind: 'prefecture', name: 'Préfet', siret: '13000548100002', departement: g.departement },
  instrument: { kind: 'annual_agreement', reference: `CONV-${g.start}`, decisionDate: g.start },
  legalBasis: [{ source: 'CASF', article: 'D.345-8' }],
  missions: [{ type: g.mission, indicators: [{ name: 'people', unit: 'persons', target: 100 }] }],
  territory: { departement: g.departement, communes: g.communes },
  period: { start: g.start, end: g.end },
  financing: { amountCents: g.amountCents ?? 1_000_000, nature: 'cash', paymentTerms: 'single', programme: '177' },
  staffing: { salariedFte: g.fte ?? 4 },
});

const describeReadModels = (adapter: string, setup: () => Promise<AppSetup>) =>
  describe(`read models over HTTP (${adapter})`, () => {
    let api: TestApi;
    let dispose: () => Promise<void> = async () => undefined;
    let admin: string;
    let officer62: string;
    let officer59: string;
    let lastPosition = '0';
    let lva: string;
    let fta: string;
    const ids: Record<string, string> = {};

    const post = async (path: string, body: object, token = admin) => {
      const response = await api.http.post(path).set('Authorization', token).send(body);
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      lastPosition = response.body.position;
      return response.body as { id: string; position: string };
    };
    const get = (path: string, token = admin) => api.http.get(path).set('Authorization', token);
    /** Reads the board after every write so far (read-your-writes). */
    const board = async (query: string, token = admin) => {
      const response = await get(`/mandates?minPosition=${lastPosition}&pageSize=200&${query}`, token).expect(200);
      return response.body as { items: { id: string; status: string }[]; total: number; page: number; pageSize: number };
    };
    const names = (page: { items: { id: string }[] }) => page.items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id)).sort();

    beforeAll(async () => {
      const prepared = await setup();
      dispose = prepared.dispose;
      // A short bound for read-your-writes, so that the 503 case does not wait the default 5 s.
      api = await startApi({ ...prepared.env, READ_YOUR_WRITES_TIMEOUT_MS: '300' });
      admin = api.bearer({ sub: 'admin-1', role: 'admin' });
      officer62 = api.bearer({ sub: 'agent-62', role: 'officer', departements: ['62'] });
      officer59 = api.bearer({ sub: 'agent-59', role: 'officer', departements: ['59'] });
      lva = (await post('/operators', operatorBody('La Vie Active', ['62']))).id;
      fta = (await post('/operators', operatorBody('France terre d’asile', ['59', '62']))).id;
      ids.maraude = (await post('/mandates', grantBody({ operatorId: lva, departement: '62', communes: ['62193'], mission: 'MARAUDE_MINORS', start: '2017-07-27', end: '2017-12-31', fte: 6 }))).id;
      ids.water59 = (await post('/mandates', grantBody({ operatorId: fta, departement: '59', communes: ['59271'], mission: 'WATER_ACCESS', start: '2017-09-01', end: '2018-08-31', amountCents: 3_650_000 }))).id;
      ids.showers = (await post('/mandates', grantBody({ operatorId: fta, departement: '62', communes: [], mission: 'SHOWERS', start: '2018-01-01', end: '2018-06-30' }))).id;
      ids.water62 = (await post('/mandates', grantBody({ operatorId: lva, departement: '62', communes: ['62193'], mission: 'WATER_ACCESS', start: '2017-08-01', end: '2017-10-31', fte: 2 }))).id;
      await post(`/mandates/${ids.water62}/suspensions`, { effectiveFrom: '2017-09-01', reason: 'works on the water point', decisionReference: 'AP-1' });
      await post(`/mandates/${ids.water62}/reinstatements`, { effectiveFrom: '2017-09-20', decisionReference: 'AP-2' });
      await post(`/mandates/${ids.maraude}/renewals`, { newEnd: '2018-06-30', decisionReference: 'CONV-2018' });
    });
    afterAll(async () => {
      await api?.close();
      await dispose();
    });

    describe('the mandates board', () => {
      it('computes each status for the date asked, with filters on status, mission, département and commune', async () => {
        const onSept10 = await board('on=2017-09-10');
        expect(Object.fromEntries(onSept10.items.map((i) => [names({ items: [i] })[0], i.status]))).toEqual({
          maraude: 'active',
          water59: 'active',
          showers: 'pending',
          water62: 'suspended',
        });
        expect(names(await board('on=2017-09-10&status=active'))).toEqual(['maraude', 'water59']);
        expect(names(await board('on=2017-09-25&status=active&missionType=WATER_ACCESS'))).toEqual(['water59', 'water62']);
        expect(names(await board('on=2017-09-25&departement=62'))).toEqual(['maraude', 'showers', 'water62']);
        // Calais: the mandates naming it, and the one covering the whole Pas-de-Calais.
        expect(names(await board('on=2018-02-01&commune=62193'))).toEqual(['maraude', 'showers', 'water62']);
        expect(names(await board('on=2018-02-01&commune=62193&status=active'))).toEqual(['maraude', 'showers']);
        expect(names(await board('on=2018-06-15&expiringWithinDays=30'))).toEqual(['maraude', 'showers']);
      });

      it('sorts by period end then id and pages with the total', async () => {
        // maraude (renewed) and showers both end on 2018-06-30: the older id first.
        const first = await get(`/mandates?on=2017-09-10&pageSize=3&minPosition=${lastPosition}`).expect(200);
        expect(first.body).toMatchObject({ page: 1, pageSize: 3, total: 4, on: '2017-09-10', asKnownAt: null });
        const second = await get(`/mandates?on=2017-09-10&pageSize=3&page=2`).expect(200);
        expect([...first.body.items, ...second.body.items].map((i: { id: string }) => i.id)).toEqual([ids.water62, ids.maraude, ids.showers, ids.water59]);
        expect(first.body.items[0]).toMatchObject({
          id: ids.water62,
          operatorId: lva,
          status: 'suspended',
          period: { start: '2017-08-01', end: '2017-10-31' },
          missionTypes: ['WATER_ACCESS'],
          territory: { departement: '62', communes: ['62193'] },
          salariedFte: 2,
          suspensions: [{ from: '2017-09-01', until: '2017-09-20' }],
        });
      });

      it('shows an officer only the mandates of its départements, and an operator only its own', async () => {
        expect(names(await board('on=2017-09-10', officer59))).toEqual(['water59']);
        expect(names(await board('on=2017-09-10', officer62))).toEqual(['maraude', 'showers', 'water62']);
        const own = api.bearer({ sub: 'lva-1', role: 'operator', operatorId: lva });
        expect(names(await board('on=2017-09-10', own))).toEqual(['maraude', 'water62']);
        const refused = await get(`/mandates?operatorId=${fta}`, own).expect(403);
        expect(refused.body.code).toBe('NOT_OWN_MANDATE');
        const auditor = api.bearer({ sub: 'ccomptes', role: 'auditor' });
        expect((await board('on=2017-09-10', auditor)).total).toBe(4);
      });

      it('answers what the record said at an instant about what was in effect on a date', async () => {
        const id = (await post('/mandates', grantBody({ operatorId: lva, departement: '62', communes: ['62193'], mission: 'LATRINES', start: '2017-07-01', end: '2017-12-31' }))).id;
        ids.latrines = id;
        const [granted] = (await get(`/mandates/${id}/history?minPosition=${lastPosition}`).expect(200)).body;
        // The next decision must be recorded at a later millisecond for the instant to tell them apart.
        while (Date.now() <= Date.parse(granted.recordedAt)) await new Promise((resolve) => setImmediate(resolve));
        // Decided later, effective since before: until it was recorded, the record said active.
        await post(`/mandates/${id}/suspensions`, { effectiveFrom: '2017-08-01', reason: 'vandalism', decisionReference: 'AP-3' });
        const before = await board(`on=2017-08-15&missionType=LATRINES&asKnownAt=${encodeURIComponent(granted.recordedAt)}`);
        expect(before.items).toEqual([expect.objectContaining({ id, status: 'active', suspensions: [] })]);
        expect(before).toMatchObject({ asKnownAt: granted.recordedAt });
        const now = await board('on=2017-08-15&missionType=LATRINES');
        expect(now.items).toEqual([expect.objectContaining({ id, status: 'suspended' })]);
        const beforeAnything = await board('on=2017-08-15&asKnownAt=2017-01-01T00:00:00Z');
        expect(beforeAnything.total).toBe(0);
      });

      it('waits for the position a write returned, and answers 503 with Retry-After when the board does not reach it in time', async () => {
        const farAhead = (BigInt(lastPosition) + 1_000_000n).toString();
        const lagging = await get(`/mandates?minPosition=${farAhead}`).expect(503);
        expect(lagging.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(lagging.headers['retry-after']).toBe('1');
        expect(lagging.body).toMatchObject({ status: 503, code: 'PROJECTION_LAGGING' });
        // The write's own position is always reached.
        const written = await post('/mandates', grantBody({ operatorId: fta, departement: '59', communes: [], mission: 'DAY_CENTRE', start: '2017-10-01', end: '2018-03-31' }));
        const read = await get(`/mandates?missionType=DAY_CENTRE&on=2017-11-01&minPosition=${written.position}`).expect(200);
        expect(read.body.items.map((i: { id: string }) => i.id)).toEqual([written.id]);
      });

      it('refuses invalid filters with every failing field', async () => {
        const response = await get('/mandates?status=asleep&on=2017-02-30&pageSize=1000&commune=75000x&minPosition=abc').expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['commune', 'minPosition', 'on', 'pageSize', 'status']);
      });
    });

    describe('histories', () => {
      it('filters a mandate history by event type and by recorded range', async () => {
        const all = (await get(`/mandates/${ids.water62}/history`).expect(200)).body;
        expect(all.map((e: { type: string }) => e.type)).toEqual(['MandateGranted', 'MandateSuspended', 'MandateReinstated']);
        const typed = (await get(`/mandates/${ids.water62}/history?type=MandateSuspended,MandateReinstated`).expect(200)).body;
        expect(typed.map((e: { type: string }) => e.type)).toEqual(['MandateSuspended', 'MandateReinstated']);
        const from = all[1].recordedAt;
        const ranged = (await get(`/mandates/${ids.water62}/history?from=${encodeURIComponent(from)}&to=${encodeURIComponent(from)}`).expect(200)).body;
        expect(ranged.map((e: { position: string }) => e.position)).toEqual(all.filter((e: { recordedAt: string }) => e.recordedAt === from).map((e: { position: string }) => e.position));
        const none = (await get(`/mandates/${ids.water62}/history?to=2017-01-01`).expect(200)).body;
        expect(none).toEqual([]);
      });

      it('keeps histories within the access rules', async () => {
        expect((await get(`/mandates/${ids.water59}/history`, officer62).expect(403)).body.code).toBe('OUTSIDE_DEPARTEMENTS');
        expect((await get(`/mandates/${randomUUID()}/history`).expect(404)).body.code).toBe('MANDATE_NOT_FOUND');
      });

      it('serves an operator history', async () => {
          const history = (await get(`/operators/${fta}/history`).expect(200)).body;
        expect(history).toEqual([expect.objectContaining({ type: 'OperatorRegistered', revision: 0, data: expect.objectContaining({ name: 'France terre d’asile' }) })]);
        expect((await get(`/operators/${fta}/history?type=OperatorDeregistered`).expect(200)).body).toEqual([]);
        expect((await get(`/operators/${randomUUID()}/history`).expect(404)).body.code).toBe('OPERATOR_NOT_FOUND');
      });
    });

    describe('operators', () => {
      it('lists operators by name, within an officer’s départements', async () => {
        const all = (await get(`/operators?minPosition=${lastPosition}`).expect(200)).body;
        expect(all.items.map((o: { name: string }) => o.name)).toEqual(['France terre d’asile', 'La Vie Active']);
        expect(all).toMatchObject({ page: 1, pageSize: 50, total: 2 });
        expect((await get('/operators', officer59).expect(200)).body.items.map((o: { id: string }) => o.id)).toEqual([fta]);
        expect((await get('/operators?departement=62&pageSize=1&page=2').expect(200)).body.items.map((o: { id: string }) => o.id)).toEqual([lva]);
      });

      it('adds to an operator its portfolio on a date: mandates in effect by mission type, FTE, funding per year', async () => {
        const response = await get(`/operators/${fta}?on=2018-02-01&minPosition=${lastPosition}`).expect(200);
        expect(response.headers.etag).toBe('"0"');
        expect(response.body).toMatchObject({ id: fta, name: 'France terre d’asile', status: 'registered' });
        expect(response.body.portfolio).toMatchObject({
          on: '2018-02-01',
          mandates: { total: 3, byStatus: { active: 3 } },
          salariedFteCommitted: 12,
          byMissionType: [
            { missionType: 'DAY_CENTRE', mandates: 1 },
            { missionType: 'SHOWERS', mandates: 1 },
            { missionType: 'WATER_ACCESS', mandates: 1 },
          ],
        });
        // 3,650,000 cents over 2017-09-01..2018-08-31 (365 days): 122 days in 2017, 243 in 2018.
        const byYear = Object.fromEntries(response.body.portfolio.fundedAmountCentsByYear.map((y: { year: number; amountCents: number }) => [y.year, y.amountCents]));
        expect(byYear[2017]).toBe(1_220_000 + Math.round((1_000_000 * 92) / 182));
        // An officer of the Nord counts only the mandates it may read.
        const nord = await get(`/operators/${fta}?on=2018-02-01`, officer59).expect(200);
        expect(nord.body.portfolio.mandates.total).toBe(2);
      });
    });

    it('reports every projection live to an admin, and only ok to anyone', async () => {
      await get(`/mandates?minPosition=${lastPosition}`).expect(200);
      expect((await api.http.get('/health').expect(200)).body).toEqual({ status: 'ok' });
      expect((await api.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ok' });
      const response = await get('/health/details').expect(200);
      expect(response.body).toMatchObject({ status: 'ok', ready: true });
      expect(response.body.projections.map((p: { name: string; state: string }) => [p.name, p.state])).toEqual([
        ['mandates_board', 'live'],
        ['operators', 'live'],
        ['history', 'live'],
        ['compliance_cases', 'live'],
      ]);
    });
  });

describeReadModels('SQLite, the embedded default', sqliteAppSetup);

describeWithPostgres('read models over HTTP on PostgreSQL', () => {
  describeReadModels('PostgreSQL event store and read store', postgresAppSetup);
});
