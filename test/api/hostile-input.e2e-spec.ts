import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToken } from '../../apps/cli/src/token.command';
import { startApi, type TestApi } from '../support/api';
import { captureConsoleText } from '../support/console';

const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;

/** A mandate never granted: a request for it that gets past authentication is answered 404. */
const NO_MANDATE = '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f';
const PAST_THE_DOOR = 404;

describe('bearer tokens at the door', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi({ AUTH_MAX_TOKEN_LIFETIME_HOURS: '2' })));
  afterAll(() => api.close());

  const auditor = { sub: 'auditor-1', role: 'auditor' } as const;
  const status = async (authorization: string): Promise<number> => (await api.http.get(`/mandates/${NO_MANDATE}`).set('Authorization', authorization)).status;

  it('refuses a token that never expires, with 401 INVALID_TOKEN', async () => {
    const response = await api.http.get(`/mandates/${NO_MANDATE}`).set('Authorization', api.bearer({ ...auditor, exp: undefined })).expect(401);
    expect(response.body).toMatchObject({ code: 'INVALID_TOKEN', detail: expect.stringContaining('numeric exp is required') });
  });

  it('refuses a token valid for longer than AUTH_MAX_TOKEN_LIFETIME_HOURS, with or without iat', async () => {
    expect(await status(api.bearer({ ...auditor, iat: now(), exp: now() + 2 * HOUR }))).toBe(PAST_THE_DOOR);
    expect(await status(api.bearer({ ...auditor, iat: now(), exp: now() + 3 * HOUR }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, iat: undefined, exp: now() + 3 * HOUR }))).toBe(401);
  });

  it('refuses a token issued, or valid from, more than a minute in the future', async () => {
    expect(await status(api.bearer({ ...auditor, iat: now() + 30 }))).toBe(PAST_THE_DOOR);
    expect(await status(api.bearer({ ...auditor, iat: now() + 300, exp: now() + HOUR }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, nbf: now() + 300 }))).toBe(401);
  });

  it('reads the Bearer scheme in any case and around extra spaces, and nothing else', async () => {
    const token = api.bearer(auditor).slice('Bearer '.length);
    for (const header of [`bearer ${token}`, `BEARER ${token}`, `Bearer   ${token}`, `  Bearer ${token}  `, `Bearer\t${token}`]) {
      expect({ header, status: await status(header) }).toEqual({ header, status: PAST_THE_DOOR });
    }
    for (const header of [`Bearer ${token} ${token}`, `Bearer`, `Bearer `, `Basic ${token}`, `Bearer${token}`, token]) {
      expect({ header, status: await status(header) }).toEqual({ header, status: 401 });
    }
  });
});

describe('bearer tokens with an issuer and an audience configured', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ml-hostile-iss-'));
  const env = { DATA_DIR: dataDir, AUTH_JWT_ISSUER: 'https://idp.example.gouv.fr', AUTH_JWT_AUDIENCE: 'mandate-ledger', AUTH_MAX_TOKEN_LIFETIME_HOURS: '12' };
  let api: TestApi;
  beforeAll(async () => (api = await startApi(env)));
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const auditor = { sub: 'auditor-1', role: 'auditor' } as const;
  const status = async (authorization: string): Promise<number> => (await api.http.get(`/mandates/${NO_MANDATE}`).set('Authorization', authorization)).status;

  it('accepts a token from that issuer naming that audience, alone or in a list', async () => {
    expect(await status(api.bearer(auditor))).toBe(PAST_THE_DOOR);
    expect(await status(api.bearer({ ...auditor, aud: ['other-api', 'mandate-ledger'] }))).toBe(PAST_THE_DOOR);
  });

  it('refuses a token without the issuer or the audience, or naming others', async () => {
    expect(await status(api.bearer({ ...auditor, iss: undefined }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, iss: 'https://evil.example' }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, aud: undefined }))).toBe(401);
    expect(await status(api.bearer({ ...auditor, aud: ['other-api'] }))).toBe(401);
  });

  it('accepts what npm run cli -- token mints with the same environment', async () => {
    const minted = await captureConsoleText(() => runToken(['--role', 'officer', '--departements', '62', '--expires-in-hours', '12'], env));
    expect(minted.code).toBe(0);
    expect(await status(`Bearer ${minted.out.trim()}`)).toBe(PAST_THE_DOOR);
  });

  it('has npm run cli -- token refuse a lifetime above the cap', async () => {
    const minted = await captureConsoleText(() => runToken(['--role', 'auditor', '--expires-in-hours', '13'], env));
    expect(minted).toMatchObject({ code: 2, out: '', err: expect.stringContaining('at most 12') });
  });
});
