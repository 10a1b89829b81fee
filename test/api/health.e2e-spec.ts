import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { appConfigFrom } from '../../apps/api/src/config/app-config';
import { startApi, type TestApi } from '../support/api';

/** Asks until `/health/ready` answers 200 (the projector thread has started and caught up). */
const readyAt = async (api: TestApi): Promise<void> => {
  for (let i = 0; i < 2000; i++) {
    if ((await api.http.get('/health/ready')).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('never ready');
};

describe('GET /health on the embedded SQLite default', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('answers ok without a token, and nothing else', async () => {
    await readyAt(api);
    const response = await api.http.get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect((await api.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('gives the positions and states behind it to an admin only', async () => {
    await readyAt(api);
    await api.http.get('/health/details').expect(401);
    for (const claims of [{ sub: 'o', role: 'officer', departements: ['62'] }, { sub: 'a', role: 'auditor' }] as const) {
      await api.http.get('/health/details').set('Authorization', api.bearer(claims)).expect(403);
    }
    const details = await api.http.get('/health/details').set('Authorization', api.bearer({ sub: 'admin-1', role: 'admin' })).expect(200);
    expect(details.body).toMatchObject({ status: 'ok', ready: true, eventStore: { kind: 'sqlite', headPosition: null }, readyMaxLagSeconds: 60 });
    expect(details.body.projections.map((p: { name: string; state: string }) => [p.name, p.state])).toEqual([
      ['mandates_board', 'live'],
      ['operators', 'live'],
      ['history', 'live'],
      ['compliance_cases', 'live'],
    ]);
  });

  it('serves the OpenAPI document without a token', async () => {
    const response = await api.http.get('/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/operators', '/mandates', '/mandates/{id}/suspensions']));
  });
});

describe('GET /health/ready when the read models lag behind the log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-ready-'));
  const apis: TestApi[] = [];
  const start = async (env: NodeJS.ProcessEnv) => {
    const api = await startApi({ DATA_DIR: dir, ...env });
    apis.push(api);
    return api;
  };
  afterAll(async () => {
    for (const api of apis) await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while a read model is further behind than READY_MAX_LAG_SECONDS, and ok within it', async () => {
    // A first server builds the read models, then stops; an event is appended that nobody projects.
    const first = await start({});
    await readyAt(first);
    await first.app.close();
    const store = SqliteEventStore.open({ path: join(dir, 'mandate-ledger.db') });
    const actor = { sub: 'cli', role: 'admin' };
    const { recordedAt } = (
      await store.appendToStream('operator-0190a0c4-5a4b-7b55-8b77-1d1bd3ecb1a0', [{ id: '0190a0c4-5a4b-7b55-8b77-1d1bd3ecb1a1', type: 'Noted', schemaVersion: 1, data: {}, metadata: { actor, correlationId: 'c' } }], 'no_stream').then(
        async () => (await store.readAll())[0],
      )
    );
    await store.close();
    while (Date.now() <= Date.parse(recordedAt)) await new Promise((resolve) => setImmediate(resolve));

    // Servers that run no projector: the events wait, and the lag grows.
    const strict = await start({ PROJECTORS: 'off', READY_MAX_LAG_SECONDS: '0' });
    expect((await strict.http.get('/health/ready').expect(503)).body).toEqual({ status: 'degraded' });
    expect((await strict.http.get('/health').expect(200)).body).toEqual({ status: 'degraded' });
    const details = await strict.http.get('/health/details').set('Authorization', strict.bearer({ sub: 'admin-1', role: 'admin' })).expect(200);
    expect(details.body.projections[0].serving).toMatchObject({ behindPositions: '1', lagSeconds: expect.any(Number) });
    expect(details.body.projections[0].serving.lagSeconds).toBeGreaterThan(0);

    const lenient = await start({ PROJECTORS: 'off', READY_MAX_LAG_SECONDS: '3600' });
    expect((await lenient.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ok' });
  });
});

describe('configuration', () => {
  it('refuses to start with every problem listed', () => {
    expect(() => appConfigFrom({ PORT: 'http', EVENT_STORE: 'postgres', READY_MAX_LAG_SECONDS: 'soon' })).toThrow(
      /PORT must be a TCP port[\s\S]*EVENT_STORE=postgres needs DATABASE_URL/,
    );
    // In a folder of its own: validating the configuration generates the embedded default's secrets there.
    const dir = mkdtempSync(join(tmpdir(), 'ml-config-'));
    try {
      expect(() => appConfigFrom({ READY_MAX_LAG_SECONDS: '-1', DATA_DIR: dir })).toThrow(/READY_MAX_LAG_SECONDS must be a number of seconds/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => appConfigFrom({ EVENT_STORE: 'mongo' })).toThrow(/EVENT_STORE must be one of sqlite, postgres, esdb/);
  });

  it('refuses to start in production mode without AUTH_JWT_SECRET', () => {
    expect(() => appConfigFrom({ NODE_ENV: 'production', DATA_DIR: '/nonexistent' })).toThrow(/AUTH_JWT_SECRET is required/);
  });
});
