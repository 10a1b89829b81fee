import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiProcess, bearerFor, sharedSecrets, startApiProcess, waitFor200 } from '../support/api-process';
import { laVieActive } from '../support/calais-bodies';

// The API as deployed (JSON logs, metrics on a port of their own), in a process of its own whose
// output the test reads: one line per request, with what an operator needs and nothing personal.

describe('the request log and the metrics port of a running API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-logs-'));
  const secrets = sharedSecrets();
  let api: ApiProcess;
  beforeAll(async () => {
    api = await startApiProcess({ ...secrets, DATA_DIR: dir, LOG_FORMAT: 'json', LOG_LEVEL: 'info', METRICS_PORT: '0' });
    await waitFor200(api.url, '/health/ready');
  }, 90_000);
  afterAll(async () => {
    await api?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const jsonLines = (): Record<string, unknown>[] =>
    api
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('logs a write as one JSON line with its ids, route, status, duration and subject, never its token or body', async () => {
    const token = bearerFor(secrets.AUTH_JWT_SECRET, { sub: 'officer-zq7', role: 'officer', departements: ['62'] });
    const body = { ...laVieActive, name: 'Association Kestrel-Umbra', salariedFte: 731 };
    const response = await fetch(`${api.url}/operators`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json', 'x-correlation-id': 'ticket-4711' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    const requestId = response.headers.get('x-request-id');
    const { id } = (await response.json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 200));

    const lines = jsonLines().filter((line) => line.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'POST /operators 201',
      requestId,
      correlationId: 'ticket-4711',
      method: 'POST',
      route: '/operators',
      status: 201,
      sub: 'officer-zq7',
      durationMs: expect.any(Number),
    });
    const output = api.output();
    for (const secret of [token.slice('Bearer '.length), token.split('.')[2], 'Kestrel-Umbra', body.siren, body.siret!, '731', 'authorization', '127.0.0.1']) {
      expect({ secret, found: output.includes(secret) }).toEqual({ secret, found: false });
    }

    // The event names the request the log names.
    const history = await fetch(`${api.url}/operators/${id}/history`, { headers: { authorization: token } });
    const [registered] = (await history.json()) as { metadata: { requestId: string; correlationId: string } }[];
    expect(registered.metadata).toMatchObject({ requestId, correlationId: 'ticket-4711' });
  });

  it('logs the Nest loggers of the app as JSON lines with their context', () => {
    expect(jsonLines()).toContainEqual(expect.objectContaining({ level: 'info', context: 'Bootstrap', msg: expect.stringContaining('listening on') }));
  });

  it('serves GET /metrics without a token on METRICS_PORT, and nothing else there', async () => {
    const port = /metrics on port (\d+)/.exec(api.output())?.[1];
    expect(port).toBeDefined();
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('mandate_ledger_http_request_duration_seconds_count{method="POST",route="/operators",status="201"} 1');
    expect(text).toContain('mandate_ledger_projection_state{projection="operators",state="live"} 1');
    expect((await fetch(`http://127.0.0.1:${port}/operators`)).status).toBe(404);
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
  });
});
