import { Drain } from '../../apps/api/src/operations/graceful-shutdown';
import { startApi, type TestApi } from '../support/api';

describe('a server shutting down', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('answers new requests 503 SHUTTING_DOWN, closing the connection, with the security headers of every answer', async () => {
    expect(await api.app.get(Drain).drain(0)).toBe(0);
    const response = await api.http.get('/health/ready').expect(503);
    expect(response.body).toMatchObject({ status: 503, code: 'SHUTTING_DOWN' });
    expect(response.headers).toMatchObject({ connection: 'close', 'retry-after': '1', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect(response.headers['content-security-policy']).toBeDefined();
  });
});
