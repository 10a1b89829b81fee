import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintSignInLink, resolveSessionSecret } from '@mandate-ledger/access';
import { runSignInLink } from '../../apps/cli/src/sign-in-link.command';
import { startApi, type TestApi } from '../support/api';
import { captureConsoleText } from '../support/console';

const tokenOf = (url: string): string => decodeURIComponent(url.split('lien=')[1]);
const cookieOf = (setCookie: string[] | string | undefined, name = 'ml_session'): string => {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith(`${name}=`));
  if (!header) throw new Error(`no ${name} cookie set`);
  return header.split(';')[0];
};

describe('console sessions on the embedded default (sign-in links)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ml-console-'));
  const consoleDir = mkdtempSync(join(tmpdir(), 'ml-console-build-'));
  let api: TestApi;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Console</title>');
    writeFileSync(join(consoleDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    api = await startApi({ DATA_DIR: dataDir, CONSOLE_DIR: consoleDir });
    origin = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await api.close();
    rmSync(consoleDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A link as the CLI prints it, on the same data folder as the server. */
  const cliLink = async (...args: string[]): Promise<string> => {
    const { code, out } = await captureConsoleText(() => runSignInLink(args, { DATA_DIR: dataDir }));
    expect(code).toBe(0);
    return tokenOf(out.trim());
  };

  const signIn = async (token: string) => api.http.post('/auth/sign-in-link').set('Origin', origin).send({ token });

  it('opens a session once with a link the CLI printed, in an HttpOnly, SameSite=Strict cookie', async () => {
    const token = await cliLink('--role', 'officer', '--departements', '62', '--name', 'Agent DDETS 62');
    const first = await signIn(token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ signedIn: true, role: 'officer', departements: ['62'], name: 'Agent DDETS 62', via: 'link' });
    const setCookie = [first.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(/^ml_session=v1\.[\w-]+\.[\w-]+; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict$/m);
    expect(setCookie).not.toMatch(/Secure/);

    const cookie = cookieOf(first.headers['set-cookie']);
    expect((await api.http.get('/mandates').set('Cookie', cookie)).status).toBe(200);
    expect((await api.http.get('/auth/session').set('Cookie', cookie)).body).toMatchObject({ signedIn: true, sub: 'local-officer' });

    const again = await signIn(token);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('SIGN_IN_LINK_USED');
  });

  it('refuses a link past its ten minutes, and one that was altered', async () => {
    const { secret } = resolveSessionSecret({}, dataDir, false);
    const { token } = mintSignInLink({ sub: 'late', role: 'auditor' }, secret, origin, Math.floor(Date.now() / 1000) - 601);
    expect((await signIn(token)).body.code).toBe('SIGN_IN_LINK_EXPIRED');
    const fresh = await cliLink('--role', 'auditor');
    expect((await signIn(`${fresh.slice(0, -2)}xx`)).body.code).toBe('SIGN_IN_LINK_INVALID');
  });

  it('refuses a write with the cookie from a page of another origin, or with no Origin at all', async () => {
    const cookie = cookieOf((await signIn(await cliLink('--role', 'officer', '--departements', '62'))).headers['set-cookie']);
    const fromElsewhere = await api.http.post('/operators').set('Cookie', cookie).set('Origin', 'https://evil.example').send({});
    expect([fromElsewhere.status, fromElsewhere.body.code]).toEqual([403, 'CROSS_SITE_REQUEST']);
    expect((await api.http.post('/operators').set('Cookie', cookie).send({})).body.code).toBe('CROSS_SITE_REQUEST');
    const fromHere = await api.http.post('/operators').set('Cookie', cookie).set('Origin', origin).send({});
    expect([fromHere.status, fromHere.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('gives an auditor session what an auditor token gets: reads, and 403 on writes', async () => {
    const cookie = cookieOf((await signIn(await cliLink('--role', 'auditor'))).headers['set-cookie']);
    expect((await api.http.get('/compliance-cases').set('Cookie', cookie)).status).toBe(200);
    const write = await api.http.post('/mandates').set('Cookie', cookie).set('Origin', origin).send({});
    expect([write.status, write.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  });

  it('signs out: the cookie is cleared, and a copy of it is refused from then on', async () => {
    const cookie = cookieOf((await signIn(await cliLink('--role', 'officer', '--departements', '62'))).headers['set-cookie']);
    const out = await api.http.post('/auth/sign-out').set('Cookie', cookie).set('Origin', origin);
    expect(out.status).toBe(204);
    expect([out.headers['set-cookie']].flat().join()).toMatch(/ml_session=; Path=\/; Max-Age=0/);
    const copied = await api.http.get('/mandates').set('Cookie', cookie);
    expect([copied.status, copied.body.code]).toEqual([401, 'INVALID_SESSION']);
    expect((await api.http.get('/auth/session').set('Cookie', cookie)).body).toEqual({ signedIn: false, signIn: { oidc: false, links: true } });
  });

  it('serves the console at / to browsers, hashed assets for a year, and leaves every API path to the API', async () => {
    const page = await api.http.get('/').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self';script-src 'self';style-src 'self' 'sha256-/);
    const asset = await api.http.get('/assets/index-abc123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await api.http.get('/').set('Accept', 'application/json')).headers['content-type']).toMatch(/^application\/problem\+json/);
    const board = await api.http.get('/mandates').set('Accept', 'text/html');
    expect([board.status, board.headers['content-type']]).toEqual([401, expect.stringMatching(/^application\/problem\+json/)]);
    expect((await api.http.get('/health')).headers['content-security-policy']).toMatch(/default-src 'none'/);
  });
});

describe('console sessions outside localhost', () => {
  it('are Secure cookies with the __Host- prefix', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ml-console-'));
    const api = await startApi({ DATA_DIR: dataDir, PUBLIC_URL: 'https://ledger.example.gouv.fr' });
    try {
      const { secret } = resolveSessionSecret({}, dataDir, false);
      const { token } = mintSignInLink({ sub: 'a', role: 'auditor' }, secret, 'https://ledger.example.gouv.fr');
      const answer = await api.http.post('/auth/sign-in-link').set('Origin', 'https://ledger.example.gouv.fr').send({ token });
      expect([answer.headers['set-cookie']].flat().join()).toMatch(/^__Host-ml_session=v1\.[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
