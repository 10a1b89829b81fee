import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessConfigFrom } from './access-config';
import { InvalidSealError, seal } from './sealed-token';
import { mintSession, openSession } from './session-token';
import { mintSignInLink, openSignInLink, SIGN_IN_LINK_LIFETIME_SECONDS } from './sign-in-link';
import { SingleUseRegister } from './single-use-register';

const secret = 'a-session-secret-of-at-least-32-characters';
const NOW = 1_700_000_000;
const officer = { sub: 'agent-62', role: 'officer', departements: ['62'] } as const;

const tokenOf = (url: string): string => decodeURIComponent(new URL(url).hash.split('lien=')[1]);

describe('sign-in links', () => {
  it('open as the claims they were minted for, with a one-time id, for ten minutes', () => {
    const { url, expiresAt } = mintSignInLink(officer, secret, 'http://localhost:3000', NOW);
    expect(url).toMatch(/^http:\/\/localhost:3000\/#\/connexion\?lien=v1\./);
    expect(expiresAt).toBe(new Date((NOW + 600) * 1000).toISOString());
    expect(openSignInLink(tokenOf(url), secret, NOW + SIGN_IN_LINK_LIFETIME_SECONDS - 1)).toMatchObject({ ...officer, jti: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('are refused once expired, altered, or sealed with another secret', () => {
    const token = tokenOf(mintSignInLink(officer, secret, 'http://localhost:3000', NOW).url);
    expect(() => openSignInLink(token, secret, NOW + 600)).toThrow(expect.objectContaining({ reason: 'expired' }));
    expect(() => openSignInLink(token, `${secret}!`, NOW)).toThrow(expect.objectContaining({ reason: 'bad-signature' }));
    const [version, body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(() => openSignInLink(`${version}.${forged}.${mac}`, secret, NOW)).toThrow(InvalidSealError);
  });

  it('are never taken for a session, nor a session for a link', () => {
    const link = tokenOf(mintSignInLink(officer, secret, 'http://localhost:3000', NOW).url);
    const { token: session } = mintSession(officer, 'link', secret, 3600, NOW);
    expect(() => openSession(link, secret, NOW)).toThrow(expect.objectContaining({ reason: 'bad-signature' }));
    expect(() => openSignInLink(session, secret, NOW)).toThrow(expect.objectContaining({ reason: 'bad-signature' }));
  });

  it('cannot be minted for claims the API would refuse: an officer without départements, an unknown role', () => {
    expect(() => mintSignInLink({ sub: 'x', role: 'officer' }, secret, 'http://localhost:3000', NOW)).toThrow(/départements/);
    expect(() => mintSignInLink({ sub: 'x', role: 'king' as 'admin' }, secret, 'http://localhost:3000', NOW)).toThrow(/unknown role/);
    const sealedAnyway = seal({ sub: 'x', role: 'operator', jti: 'a'.repeat(32), exp: NOW + 60 }, secret, 'sign-in-link');
    expect(() => openSignInLink(sealedAnyway, secret, NOW)).toThrow(/operatorId/);
  });
});

describe('the single-use register', () => {
  it('lets an id be claimed once, by whichever register shares the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-access-'));
    try {
      const [server, replica] = [new SingleUseRegister(dir), new SingleUseRegister(dir)];
      const id = 'f'.repeat(32);
      expect(server.claim(id, NOW + 600, NOW)).toBe(true);
      expect(replica.claim(id, NOW + 600, NOW)).toBe(false);
      expect(replica.has(id)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('forgets ids once they expired', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-access-'));
    try {
      const register = new SingleUseRegister(dir);
      register.claim('a'.repeat(32), NOW + 10, NOW);
      register.claim('b'.repeat(32), NOW + 3600, NOW + 100);
      expect([register.has('a'.repeat(32)), register.has('b'.repeat(32))]).toEqual([false, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('access configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ml-access-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const read = (env: NodeJS.ProcessEnv, production = false) => accessConfigFrom({ SESSION_SECRET: secret, ...env }, { dataDir, port: 3000, production });

  it('defaults to links on localhost, cookies not Secure there only, sessions of 8 hours', () => {
    expect(read({})).toMatchObject({ publicUrl: 'http://localhost:3000', secureCookies: false, signInLinks: true, sessionLifetimeSeconds: 8 * 3600 });
    expect(read({ PUBLIC_URL: 'https://ledger.example.gouv.fr' })).toMatchObject({ secureCookies: true });
    expect(read({ OIDC_ISSUER: 'https://idp.example' })).toMatchObject({ signInLinks: false });
  });

  it('lists every problem: plain HTTP away from localhost, a path, a short secret, a bad lifetime', () => {
    expect(() => read({ PUBLIC_URL: 'http://ledger.example.gouv.fr', SESSION_LIFETIME_HOURS: '0', SIGN_IN_LINKS: 'yes' })).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/https outside localhost/), expect.stringMatching(/SESSION_LIFETIME_HOURS/), expect.stringMatching(/SIGN_IN_LINKS/)] }),
    );
    expect(() => read({ PUBLIC_URL: 'https://x.example/console' })).toThrow(/no path/);
    expect(() => read({ SESSION_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => accessConfigFrom({}, { dataDir, port: 3000, production: true })).toThrow(/SESSION_SECRET is required/);
  });

  it('generates a secret once into the data folder when none is configured, and shares it', () => {
    const first = accessConfigFrom({}, { dataDir, port: 3000, production: false });
    const second = accessConfigFrom({}, { dataDir, port: 3000, production: false });
    expect(first.sessionSecretGenerated).toBe(true);
    expect(second).toMatchObject({ sessionSecret: first.sessionSecret, sessionSecretGenerated: false });
  });
});
