import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { buildConsole, type ConsoleStack, startConsoleStack } from './support/console-stack';

// Sign-in with a real OpenID Connect provider (oidc-provider, in this process), driven over HTTP as
// a browser would, and the provider's bearer tokens at the API. Run by `npm run test:console`.

/** A browser's cookies for `localhost` (cookies ignore ports) and its way of following redirects. */
class Browserish {
  readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(cookie)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
    return response;
  }

  /** Follows redirects from `url` until one leads to `stopAt`, which is returned unvisited. */
  async followUntil(url: string, stopAt: string): Promise<string> {
    let next = url;
    for (let hops = 0; hops < 10; hops++) {
      if (next.startsWith(stopAt)) return next;
      const response = await this.fetch(next);
      const location = response.headers.get('location');
      if (!location) return next;
      next = new URL(location, next).href;
    }
    throw new Error('too many redirects');
  }
}

describe('OpenID Connect sign-in and the provider’s tokens', () => {
  let consoleDir: string;
  let stack: ConsoleStack;

  before(async () => {
    consoleDir = buildConsole();
    stack = await startConsoleStack({ consoleDir });
  });
  after(async () => {
    await stack?.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  /** Leaves for the provider, logs in on its page as `login`, and returns the API's callback answer. */
  const signInAs = async (browser: Browserish, login: string): Promise<Response> => {
    const start = await browser.fetch(`${stack.url}/auth/oidc/login?returnTo=%23%2Faffaires`);
    const form = await browser.followUntil(start.headers.get('location')!, `${stack.provider.issuer}/interaction/`);
    const page = await (await browser.fetch(form)).text();
    const action = /action="([^"]+)"/.exec(page)![1];
    const posted = await browser.fetch(new URL(action, form).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    });
    const callback = await browser.followUntil(new URL(posted.headers.get('location')!, form).href, `${stack.url}/auth/oidc/callback`);
    return browser.fetch(callback);
  };

  it('sends the browser to the provider with PKCE (S256), state and nonce kept in a short-lived Lax cookie', async () => {
    const browser = new Browserish();
    const answer = await browser.fetch(`${stack.url}/auth/oidc/login`);
    assert.equal(answer.status, 303);
    const authorize = new URL(answer.headers.get('location')!);
    assert.equal(authorize.origin, stack.provider.issuer);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('code_challenge')!, /^[\w-]{43}$/);
    assert.ok(authorize.searchParams.get('state') && authorize.searchParams.get('nonce'));
    assert.equal(authorize.searchParams.get('redirect_uri'), `${stack.url}/auth/oidc/callback`);
    assert.match(answer.headers.getSetCookie().join(), /^ml_oidc=v1\.[^;]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
  });

  it('opens a session with the role and départements the provider’s claims map to', async () => {
    const browser = new Browserish();
    const callback = await signInAs(browser, 'camille.martin');
    assert.equal(callback.status, 303);
    assert.equal(callback.headers.get('location'), `${stack.url}/#/affaires`);
    assert.match(callback.headers.getSetCookie().join('\n'), /^ml_session=v1\.[^;]+; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict$/m);
    const session = (await (await browser.fetch(`${stack.url}/auth/session`)).json()) as { expiresAt: string };
    assert.deepEqual(session, {
      signedIn: true,
      signIn: { oidc: true, links: false },
      sub: 'camille.martin',
      name: 'Camille Martin',
      role: 'officer',
      departements: ['62'],
      via: 'oidc',
      expiresAt: session.expiresAt,
    });
    assert.equal((await browser.fetch(`${stack.url}/mandates`)).status, 200);
  });

  it('lets nobody in whom the provider gives no role of this service', async () => {
    const browser = new Browserish();
    const callback = await signInAs(browser, 'sans.role');
    assert.equal(callback.headers.get('location'), `${stack.url}/#/connexion?erreur=droits`);
    assert.equal(browser.cookies.has('ml_session'), false);
  });

  it('refuses a callback that does not come back from a sign-in it started', async () => {
    const stray = await new Browserish().fetch(`${stack.url}/auth/oidc/callback?code=abc&state=xyz`);
    assert.equal(stray.headers.get('location'), `${stack.url}/#/connexion?erreur=transaction`);
  });

  it('accepts the provider’s access tokens as bearer tokens, beside its own, and refuses one for another audience', async () => {
    const token = await stack.provider.clientToken();
    const withProviderToken = await fetch(`${stack.url}/compliance-cases`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(withProviderToken.status, 200);
    const write = await fetch(`${stack.url}/mandates`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(((await write.json()) as { code: string }).code, 'ROLE_NOT_ALLOWED', 'the client is given the auditor role, which writes nothing');

    const elsewhere = await fetch(`${stack.url}/compliance-cases`, { headers: { Authorization: `Bearer ${await stack.provider.clientToken('https://other-api.example')}` } });
    assert.equal(elsewhere.status, 401);
    assert.match(((await elsewhere.json()) as { detail: string }).detail, /aud/);

    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' })).toString('base64url');
    assert.equal((await fetch(`${stack.url}/compliance-cases`, { headers: { Authorization: `Bearer ${header}.${forged}.${signature}` } })).status, 401);

    const own = await fetch(`${stack.url}/compliance-cases`, { headers: { Authorization: stack.bearer({ sub: 'program', role: 'auditor' }) } });
    assert.equal(own.status, 200);
  });
});
