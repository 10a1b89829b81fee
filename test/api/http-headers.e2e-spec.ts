import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { signToken, timedClaims, DEFAULT_TOKEN_POLICY } from '@mandate-ledger/access';
import { startApi, type TestApi } from '../support/api';
import { laVieActive } from '../support/calais-bodies';

const API_POLICY = "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'";

/** The headers helmet adds, as every answer must carry them. */
const expectSecurityHeaders = (response: Response, contentSecurityPolicy = API_POLICY): void => {
  expect({ url: response.request.url, headers: response.headers }).toMatchObject({
    headers: {
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    },
  });
  expect(response.headers['x-powered-by']).toBeUndefined();
};

describe('security headers', () => {
  let api: TestApi;
  let auditor: string;
  beforeAll(async () => {
    api = await startApi();
    auditor = api.bearer({ sub: 'auditor-1', role: 'auditor' });
  });
  afterAll(() => api.close());

  it('come with every answer, a refusal of the body parser or of an unknown route included, and never X-Powered-By', async () => {
    const answers = [
      await api.http.get('/health').expect(200),
      await api.http.get('/docs-json').expect(200),
      await api.http.get('/audit/public-key').expect(200),
      await api.http.get('/mandates/0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f').set('Authorization', auditor).expect(404),
      await api.http.get('/mandates').expect(401),
      await api.http.get('/nowhere').expect(404),
      await api.http.post('/operators').set('Authorization', auditor).set('Content-Type', 'application/json').send('{"name":').expect((r) => expect(r.status).toBeGreaterThanOrEqual(400)),
      await api.http.post('/operators').set('Content-Type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(300_000) })).expect(413),
    ];
    for (const answer of answers) expectSecurityHeaders(answer);
  });

  it('let Swagger UI at /docs load its own scripts, styles and images, and nothing inline but styles', async () => {
    const page = await api.http.get('/docs').expect(200).expect('Content-Type', /text\/html/);
    const policy = page.headers['content-security-policy'] as string;
    expectSecurityHeaders(page, policy);
    const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives).toMatchObject({ 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'frame-ancestors': ["'none'"] });
    expect(directives['upgrade-insecure-requests']).toBeUndefined();
    expect(directives['script-src']).not.toContain("'unsafe-inline'");

    // Every script is a file of this server (so 'self' allows it); none is inline, none an event attribute.
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, body]) => ({ src: /src=["']([^"']+)["']/.exec(attributes)?.[1], body: body.trim() }));
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    expect(scripts.filter((s) => s.src === undefined || s.body !== '' || /^(https?:)?\/\//.test(s.src))).toEqual([]);
    expect(page.text).not.toMatch(/\son[a-z]+\s*=/i);
    const stylesheets = [...page.text.matchAll(/<link[^>]*rel=["']stylesheet["'][^>]*>/g)].map(([tag]) => /href=["']([^"']+)["']/.exec(tag)![1]);
    for (const src of [...scripts.map((s) => s.src!), ...stylesheets]) {
      const asset = await api.http.get(new URL(src, 'http://localhost/docs').pathname);
      expect({ src, status: asset.status, type: asset.headers['content-type'] }).toEqual({ src, status: 200, type: expect.stringMatching(/javascript|css/) });
    }
  });

  it('mark every answer of an authenticated route no-store, its refusals included, and problems everywhere', async () => {
    const authenticated = [
      await api.http.get('/operators').set('Authorization', auditor),
      await api.http.get('/mandates/0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f').set('Authorization', auditor).expect(404),
      await api.http.get('/mandates').expect(401),
      await api.http.get('/mandates').set('Authorization', 'Bearer not-a-token').expect(401),
      await api.http.post('/operators').set('Authorization', auditor).send(laVieActive).expect(403),
      await api.http.get('/mandates?page=0').set('Authorization', auditor).expect(400),
      await api.http.post('/operators').set('Content-Type', 'application/json').send('{"name":').expect(400),
    ];
    for (const answer of authenticated) expect({ url: answer.request.url, status: answer.status, cacheControl: answer.headers['cache-control'] }).toMatchObject({ cacheControl: 'no-store' });
    expect((await api.http.get('/nowhere').expect(404)).headers['cache-control']).toBe('no-store');
  });
});

describe('CORS', () => {
  const CONSOLE = 'https://console.example.gouv.fr';
  const preflight = (api: TestApi, origin: string) =>
    api.http.options('/mandates').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type,if-match');

  describe('by default', () => {
    let api: TestApi;
    beforeAll(async () => (api = await startApi()));
    afterAll(() => api.close());

    it('is closed: no origin is allowed, not even for a preflight', async () => {
      expect((await api.http.get('/health').set('Origin', CONSOLE).expect(200)).headers['access-control-allow-origin']).toBeUndefined();
      const answer = await preflight(api, CONSOLE);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(answer.headers['access-control-allow-methods']).toBeUndefined();
    });
  });

  describe('with CORS_ORIGINS', () => {
    let api: TestApi;
    beforeAll(async () => (api = await startApi({ CORS_ORIGINS: `${CONSOLE}, http://localhost:5173` })));
    afterAll(() => api.close());

    it('allows the listed origins only, and tells caches that the answer depends on the origin', async () => {
      const allowed = await api.http.get('/health').set('Origin', CONSOLE).expect(200);
      expect(allowed.headers).toMatchObject({ 'access-control-allow-origin': CONSOLE, vary: expect.stringMatching(/Origin/) });
      expect(allowed.headers['access-control-expose-headers']).toMatch(/ETag/);
      expect((await api.http.get('/health').set('Origin', 'http://localhost:5173').expect(200)).headers['access-control-allow-origin']).toBe('http://localhost:5173');
      for (const other of ['https://evil.example', 'https://console.example.gouv.fr.evil.example', 'http://console.example.gouv.fr']) {
        expect({ other, allowed: (await api.http.get('/health').set('Origin', other)).headers['access-control-allow-origin'] }).toEqual({ other, allowed: undefined });
      }
    });

    it('answers the preflight of a write from a listed origin with the methods and headers it may send', async () => {
      const answer = await preflight(api, CONSOLE).expect(204);
      expect(answer.headers).toMatchObject({ 'access-control-allow-origin': CONSOLE, 'access-control-allow-methods': expect.stringContaining('POST') });
      expect(answer.headers['access-control-allow-headers']).toMatch(/Authorization.*Content-Type.*If-Match/);
      expect((await preflight(api, 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('the rate limit per principal', () => {
  let api: TestApi;
  afterEach(() => api.close());

  /** Statuses of `count` requests made one after the other. */
  const statuses = async (count: number, send: (i: number) => Promise<Response>): Promise<number[]> => {
    const found: number[] = [];
    for (let i = 0; i < count; i += 1) found.push((await send(i)).status);
    return found;
  };
  const NO_MANDATE = '/mandates/0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f';

  it('answers 429 RATE_LIMITED with Retry-After past RATE_LIMIT_PER_MINUTE requests of one principal, across routes, and serves the others', async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '5' });
    const first = api.bearer({ sub: 'auditor-1', role: 'auditor' });
    const routes = [NO_MANDATE, '/audit/public-key', '/operators', NO_MANDATE, '/audit/public-key'];
    expect(await statuses(5, (i) => api.http.get(routes[i]).set('Authorization', first))).not.toContain(429);
    const refused = await api.http.get(NO_MANDATE).set('Authorization', first).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'Too Many Requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A token for the same principal, minted anew, shares its allowance; another principal has its own.
    expect((await api.http.get(NO_MANDATE).set('Authorization', api.bearer({ sub: 'auditor-1', role: 'auditor' }))).status).toBe(429);
    expect(await statuses(5, () => api.http.get(NO_MANDATE).set('Authorization', api.bearer({ sub: 'auditor-2', role: 'auditor' })))).toEqual([404, 404, 404, 404, 404]);
  });

  it('counts requests without a valid token per address, so that made-up tokens buy no fresh allowance', async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '4' });
    const forged = (sub: string) => `Bearer ${signToken({ sub, role: 'admin', ...timedClaims(DEFAULT_TOKEN_POLICY, 600) }, 'not-the-secret-of-this-server-at-all')}`;
    expect(await statuses(6, (i) => api.http.get('/mandates').set('Authorization', forged(`intruder-${i}`)))).toEqual([401, 401, 401, 401, 429, 429]);
    expect((await api.http.get('/audit/public-key')).status).toBe(429);
    // A valid token is its principal's own allowance.
    expect((await api.http.get(NO_MANDATE).set('Authorization', api.bearer({ sub: 'auditor-1', role: 'auditor' }))).status).toBe(404);
  });

  it('never limits /health', async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '2' });
    expect(await statuses(10, () => api.http.get('/health'))).toEqual(Array(10).fill(200));
  });

  it('lets a principal make 600 requests a minute by default, not one more', async () => {
    api = await startApi();
    const auditor = api.bearer({ sub: 'auditor-1', role: 'auditor' });
    const answered = await statuses(601, () => api.http.get('/audit/public-key').set('Authorization', auditor));
    expect(answered.slice(0, 600).every((status) => status === 200)).toBe(true);
    expect(answered[600]).toBe(429);
  });
});

describe('the files of the embedded default', () => {
  let parent: string;
  let umask: number;
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'ml-files-'));
    // The usual umask, under which a file created without a mode is readable by everyone.
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(parent, { recursive: true, force: true });
  });

  const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

  it('are readable by their owner only: the log, the read models, their -wal and -shm, the secret and the key, in folders the service creates 0700', async () => {
    const dataDir = join(parent, 'var', 'mandate-ledger');
    const api = await startApi({ DATA_DIR: dataDir });
    try {
      const admin = api.bearer({ sub: 'admin-1', role: 'admin' });
      await api.http.post('/operators').set('Authorization', admin).send(laVieActive).expect(201);
      const files = readdirSync(dataDir).sort();
      expect(files).toEqual(
        expect.arrayContaining([
          'audit-signing-key.pem',
          'jwt-secret',
          'mandate-ledger.db',
          'mandate-ledger.db-shm',
          'mandate-ledger.db-wal',
          'mandate-ledger-read-models.db',
          'mandate-ledger-read-models.db-shm',
          'mandate-ledger-read-models.db-wal',
        ]),
      );
      expect(Object.fromEntries(files.map((file) => [file, modeOf(join(dataDir, file))]))).toEqual(Object.fromEntries(files.map((file) => [file, '600'])));
      expect({ dataDir: modeOf(dataDir), parent: modeOf(join(parent, 'var')) }).toEqual({ dataDir: '700', parent: '700' });
    } finally {
      await api.close();
    }
  });

  it('keep the mode of a data folder that exists', async () => {
    const dataDir = mkdtempSync(join(parent, 'kept-'));
    chmodSync(dataDir, 0o750);
    const api = await startApi({ DATA_DIR: dataDir });
    await api.close();
    expect(modeOf(dataDir)).toBe('750');
  });
});
