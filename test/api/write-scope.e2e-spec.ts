import { complianceCaseStreamName, mandateStreamName, operatorStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import type { TokenClaims } from '@mandate-ledger/access';
import { startApi, type TestApi } from '../support/api';
import { grantBody, laVieActive } from '../support/calais-bodies';

// Scope on every write, by what the write changes (DESIGN §6): a write is refused when what it
// touches lies outside the token's départements before or after it.

const PAS_DE_CALAIS = { departement: '62', communes: ['62193'] };
const NORD = { departement: '59', communes: ['59271'] };
const order = { court: 'Tribunal administratif de Lille', caseNumbers: ['1705379'], decisionDate: '2017-06-26', procedure: 'refere_liberte' };
const obligation = (obligationId: string, territory: object) => ({
  obligationId,
  decision: '1705379',
  article: 'art. 2',
  text: 'mettre en place un dispositif adapté de maraude quotidienne à destination des mineurs non accompagnés',
  addressees: [{ kind: 'prefet', name: 'Préfet du Pas-de-Calais' }],
  missionType: 'MARAUDE_MINORS',
  territory,
  deadlineDays: 10,
  penaltyPerDayCents: 10_000,
});

describe('scope on every write', () => {
  let api: TestApi;
  let store: EventStore;
  let operatorId: string;
  const as = (claims: TokenClaims) => api.bearer(claims);
  const officerOf = (...departements: string[]) => as({ sub: `agent-${departements.join('-')}`, role: 'officer', departements });
  const admin = () => as({ sub: 'admin-1', role: 'admin' });

  beforeAll(async () => {
    api = await startApi();
    store = api.app.get<symbol, EventStore>(EVENT_STORE);
    operatorId = (await api.http.post('/operators').set('Authorization', admin()).send({ ...laVieActive, departements: ['59', '62'] }).expect(201)).body.id;
  });
  afterAll(() => api.close());

  const post = (path: string, body: object, token: string) => api.http.post(path).set('Authorization', token).send(body);
  const countOf = async (stream: string) => (await store.readStream(stream)).length;

  describe('mandates', () => {
    const grant = async (body: object = grantBody(operatorId)) => (await post('/mandates', body, admin()).expect(201)).body.id as string;
    const amendment = (territory: object) => ({ effectiveFrom: '2017-09-01', decisionReference: 'AVENANT-1', changes: { territory } });

    it('refuses an officer of 62 moving a mandate of 62 to 59, records nothing, and leaves it out of reach of officers of 59', async () => {
      const id = await grant();

      const moved = await post(`/mandates/${id}/amendments`, amendment(NORD), officerOf('62')).expect(403);

      expect(moved.body.code).toBe('OUTSIDE_DEPARTEMENTS');
      expect(await countOf(mandateStreamName(id))).toBe(1);
      await api.http.get(`/mandates/${id}`).set('Authorization', officerOf('59')).expect(403);
    });

    it('lets an officer of 62 and 59 move a mandate of 62 to 59', async () => {
      const id = await grant();

      await post(`/mandates/${id}/amendments`, amendment(NORD), officerOf('59', '62')).expect(201);

      expect(await countOf(mandateStreamName(id))).toBe(2);
    });

    it("refuses a change of territory to an officer who does not hold the authority's département", async () => {
      const body = grantBody(operatorId);
      const id = await grant({ ...body, authority: { ...body.authority, departement: '59' } });

      const within62 = await post(`/mandates/${id}/amendments`, amendment({ departement: '62', communes: ['62160'] }), officerOf('62')).expect(403);

      expect(within62.body.code).toBe('OUTSIDE_DEPARTEMENTS');
      await post(`/mandates/${id}/amendments`, amendment({ departement: '62', communes: ['62160'] }), officerOf('59', '62')).expect(201);
    });

    it('keeps amendments that leave the territory alone, and renewals, to any officer of the mandate', async () => {
      const id = await grant();

      await post(`/mandates/${id}/amendments`, { effectiveFrom: '2017-09-01', decisionReference: 'AVENANT-1', changes: { staffing: { salariedFte: 8 } } }, officerOf('62')).expect(201);
      await post(`/mandates/${id}/renewals`, { newEnd: '2018-06-30', decisionReference: 'CONV-2018-62-003' }, officerOf('62')).expect(201);
    });
  });

  describe('operators', () => {
    const register = async (departements: string[]) => (await post('/operators', { ...laVieActive, departements }, admin()).expect(201)).body.id as string;
    const patch = (id: string, body: object, token: string) => api.http.patch(`/operators/${id}`).set('Authorization', token).send(body);

    it('refuses an officer of 62 removing 59 from an operator active in 59 and 62, and records nothing', async () => {
      const id = await register(['59', '62']);

      const removed = await patch(id, { departements: ['62'] }, officerOf('62')).expect(403);

      expect(removed.body.code).toBe('OUTSIDE_DEPARTEMENTS');
      expect(await countOf(operatorStreamName(id))).toBe(1);
    });

    it('refuses an officer of 62 moving an operator of 62 to 59', async () => {
      const id = await register(['62']);

      expect((await patch(id, { departements: ['59'] }, officerOf('62')).expect(403)).body.code).toBe('OUTSIDE_DEPARTEMENTS');
    });

    it('lets an officer holding every département before and after change them, and any officer of the operator change the rest', async () => {
      const id = await register(['59', '62']);

      await patch(id, { departements: ['62'] }, officerOf('59', '62')).expect(200);
      await patch(id, { salariedFte: 130, departements: ['62'] }, officerOf('62')).expect(200);
    });
  });

  describe('compliance cases', () => {
    const open = async (token: string) => (await post('/compliance-cases', order, token).expect(201)).body.id as string;
    const addObligation = (id: string, obligationId: string, territory: object, token: string) =>
      post(`/compliance-cases/${id}/obligations`, obligation(obligationId, territory), token);

    it('refuses an officer an obligation outside its départements', async () => {
      const id = await open(officerOf('62'));

      const refused = await addObligation(id, 'maraude-nord', NORD, officerOf('62')).expect(403);

      expect(refused.body.code).toBe('OUTSIDE_DEPARTEMENTS');
      expect(await countOf(complianceCaseStreamName(id))).toBe(1);
    });

    it('refuses an officer a measure whose mandate lies outside its départements', async () => {
      const id = await open(officerOf('62'));
      await addObligation(id, 'maraude', PAS_DE_CALAIS, officerOf('62')).expect(201);
      const nordMandate = (await post('/mandates', { ...grantBody(operatorId), authority: { ...grantBody(operatorId).authority, departement: '59' }, territory: NORD }, admin()).expect(201)).body.id;

      const refused = await post(`/compliance-cases/${id}/measures`, { obligationId: 'maraude', mandateId: nordMandate, effectiveFrom: '2017-07-27' }, officerOf('62')).expect(403);

      expect(refused.body.code).toBe('OUTSIDE_DEPARTEMENTS');
      expect(await countOf(complianceCaseStreamName(id))).toBe(2);
    });

    it('refuses any write that would leave a case unreadable to the officer who opened it, even by an admin', async () => {
      const id = await open(officerOf('59'));

      // The case concerns no département yet: its first obligation decides who reads it.
      const byOfficer = await addObligation(id, 'maraude-calais', PAS_DE_CALAIS, officerOf('62')).expect(403);
      const byAdmin = await addObligation(id, 'maraude-calais', PAS_DE_CALAIS, admin()).expect(403);

      expect([byOfficer.body.code, byAdmin.body.code]).toEqual(['OUTSIDE_DEPARTEMENTS', 'OUTSIDE_DEPARTEMENTS']);
      expect(await countOf(complianceCaseStreamName(id))).toBe(1);
      await api.http.get(`/compliance-cases/${id}`).set('Authorization', officerOf('59')).expect(200);
    });

    it('lets the first obligation lie in a département of the officer who opened the case, and later ones anywhere the writer holds', async () => {
      const id = await open(officerOf('59'));

      await addObligation(id, 'maraude-nord', NORD, officerOf('59', '62')).expect(201);
      await addObligation(id, 'maraude-calais', PAS_DE_CALAIS, admin()).expect(201);

      const read = await api.http.get(`/compliance-cases/${id}`).set('Authorization', officerOf('59')).expect(200);
      expect(read.body.departements).toEqual(['59', '62']);
    });
  });
});
