import { webcrypto } from 'node:crypto';
import { collectTrail, type TrailEntry, type TrailSource, verifyTrail } from '../../apps/console/src/verify/trail';
import { webCrypto } from '../../apps/console/src/verify/web-crypto';
import { startApi, type TestApi } from '../support/api';

// The console's verification (apps/console/src/verify), run here on Node's WebCrypto against a real
// API: the same code the browser runs, given the same answers.

const admin = { sub: 'test-admin', role: 'admin' } as const;

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
});
