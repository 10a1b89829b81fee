import { webcrypto } from 'node:crypto';
import { collectTrail, type TrailEntry, type TrailSource, verifyTrail } from '../../apps/console/src/verify/trail';
import { webCrypto } from '../../apps/console/src/verify/web-crypto';
import { EVENT_STORE, type EventStore, type JsonObject, uuidv7 } from '@mandate-ledger/event-store';
import { startApi, type TestApi } from '../support/api';

// The console's verification (apps/console/src/verify), run here on Node's WebCrypto against a real
// API: the same code the browser runs, given the same answers.

const admin = { sub: 'test-admin', role: 'admin' } as const;

/** A grant's terms as recorded before indicators had a kind (schema version 1), less its missions and ids. */
const GRANT_DATA: JsonObject = {
  authority: { kind: 'prefecture', name: 'Préfet du Pas-de-Calais', siret: '13000548100002', departement: '62' },
  instrument: { kind: 'annual_agreement', reference: 'CONV-2017-62-014', decisionDate: '2017-07-27', signatureDate: '2017-07-27' },
  legalBasis: [{ source: 'CASF', article: 'D.345-8' }],
  territory: { departement: '62', communes: ['62193'] },
  period: { start: '2017-07-27', end: '2017-12-31' },
  financing: { amountCents: 1_000_000, nature: 'cash', paymentTerms: 'single', programme: '177' },
  staffing: { salariedFte: 6 },
};

describe("the console's verification of a stream, with WebCrypto", () => {
  let api: TestApi;
  let source: TrailSource;
  let operatorId: string;
  let history: TrailEntry[];

  beforeAll(async () => {
    api = await startApi({ AUDIT_SEAL_INTERVAL_MS: '50', AUDIT_CHECKPOINT_INTERVAL_MS: '100' });
    const get = async <T>(path: string): Promise<T | undefined> => {
      const answer = await api.http.get(path).set('Authorization', api.bearer(admin));
      return answer.status === 404 ? undefined : (answer.body as T);
    };
    source = {
      publicKey: async () => (await get<{ vkey: string }>('/audit/public-key'))!,
      checkpoint: async () => (await get<Awaited<ReturnType<TrailSource['checkpoint']>>>('/audit/checkpoint'))!,
      proof: (position, treeSize) => get(`/audit/proofs/${position}?treeSize=${treeSize}`),
    };
    const registered = await api.http
      .post('/operators')
      .set('Authorization', api.bearer(admin))
      .send({ name: 'France terre d’asile', legalForm: 'association_rup', siren: '732829320', siret: '73282932000074', departements: ['62'], languages: ['ar'], salariedFte: 900 });
    operatorId = registered.body.id;
    await api.http.patch(`/operators/${operatorId}`).set('Authorization', api.bearer(admin)).set('Content-Type', 'application/merge-patch+json').send({ salariedFte: 950 });
    const updated = await api.http.patch(`/operators/${operatorId}`).set('Authorization', api.bearer(admin)).set('Content-Type', 'application/merge-patch+json').send({ languages: ['ar', 'ps'] });
    history = (await api.http.get(`/operators/${operatorId}/history?minPosition=${updated.body.position}`).set('Authorization', api.bearer(admin))).body;
    // Until the latest decision is sealed in a signed checkpoint.
    const sealed = async () => (await get('/audit/checkpoint')) !== undefined && (await collectTrail(subject(), history, source)).pending.length === 0;
    for (let i = 0; i < 100 && !(await sealed()); i++) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(() => api.close());

  const subject = () => ({ kind: 'operator', id: operatorId, stream: `operator-${operatorId}` });

  it('proves every decision of the stream in the signed checkpoint', async () => {
    const trail = await collectTrail(subject(), history, source);
    expect(trail.bundle.events).toHaveLength(3);
    expect(trail.bundle.subject.completeStreams).toEqual([`operator-${operatorId}`]);
    expect(await verifyTrail(trail, webCrypto(webcrypto.subtle))).toMatchObject({ ok: true, summary: { events: 3 } });
  });

  it('names the decision whose content was changed after it was recorded', async () => {
    const tampered = history.map((entry) => (entry.revision === 1 ? { ...entry, data: { ...(entry.data as object), changes: { salariedFte: 9500 } } } : entry));
    const result = await verifyTrail(await collectTrail(subject(), tampered, source), webCrypto(webcrypto.subtle));
    expect(result).toMatchObject({ ok: false, failure: { kind: 'EVENT_NOT_PROVEN', event: { index: 1, position: history[1].position } } });
  });

  it('refuses a history with a decision left out', async () => {
    const trail = await collectTrail(subject(), history.filter((entry) => entry.revision !== 1), source);
    expect(trail.bundle.subject.completeStreams).toEqual([]);
    const removedFirst = await collectTrail(subject(), history.filter((entry) => entry.revision !== 0), source);
    const result = await verifyTrail({ ...removedFirst, bundle: { ...removedFirst.bundle, subject: { ...removedFirst.bundle.subject, completeStreams: [`operator-${operatorId}`] } } }, webCrypto(webcrypto.subtle));
    expect(result).toMatchObject({ ok: false, failure: { kind: 'INCOMPLETE_STREAM' } });
  });

  it('proves a decision recorded in a shape older than today\'s: the history serves it as stored, not as upcast', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    const mandateId = uuidv7();
    const grantV1 = { ...GRANT_DATA, mandateId, operatorId, missions: [{ type: 'MARAUDE_MINORS', indicators: [{ name: 'minors_found', unit: 'persons', target: 100 }] }] };
    const { position } = await store.appendToStream(
      `mandate-${mandateId}`,
      [{ id: uuidv7(), type: 'MandateGranted', schemaVersion: 1, data: grantV1, metadata: { actor: { sub: 'before-kinds', role: 'admin' }, correlationId: 'c32c07b' } }],
      'no_stream',
    );
    const old = (await api.http.get(`/mandates/${mandateId}/history?minPosition=${position}`).set('Authorization', api.bearer(admin))).body as TrailEntry[];
    expect(old).toMatchObject([{ schemaVersion: 1, data: { missions: [{ indicators: [{ name: 'minors_found' }] }] } }]);
    const mandate = { kind: 'mandate', id: mandateId, stream: `mandate-${mandateId}` };
    for (let i = 0; i < 100 && (await collectTrail(mandate, old, source)).pending.length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await verifyTrail(await collectTrail(mandate, old, source), webCrypto(webcrypto.subtle))).toMatchObject({ ok: true, summary: { events: 1 } });
  });
});
