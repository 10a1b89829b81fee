import { appConfigFrom } from '../../apps/api/src/config/app-config';
import { startApi, type TestApi } from '../support/api';

describe('GET /health on the embedded SQLite default', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('answers ok without a token, with the store kind and an empty log', async () => {
    const response = await api.http.get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', eventStore: { kind: 'sqlite', headPosition: null }, projections: expect.any(Array) });
  });

  it('serves the OpenAPI document without a token', async () => {
    const response = await api.http.get('/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/operators', '/mandates', '/mandates/{id}/suspensions']));
  });
});

describe('configuration', () => {
  it('refuses to start with every problem listed', () => {
    expect(() => appConfigFrom({ PORT: 'http', EVENT_STORE: 'postgres' })).toThrow(
      /PORT must be a TCP port[\s\S]*EVENT_STORE=postgres needs DATABASE_URL/,
    );
    expect(() => appConfigFrom({ EVENT_STORE: 'mongo' })).toThrow(/EVENT_STORE must be one of sqlite, postgres, esdb/);
  });

  it('refuses to start in production mode without AUTH_JWT_SECRET', () => {
    expect(() => appConfigFrom({ NODE_ENV: 'production', DATA_DIR: '/nonexistent' })).toThrow(/AUTH_JWT_SECRET is required/);
  });
});
