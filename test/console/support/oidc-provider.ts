import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What `loadExistingGrant` reads of oidc-provider's context. */
interface GrantContext {
  readonly oidc: {
    readonly client: { readonly clientId: string };
    readonly session: { readonly accountId: string };
    readonly provider: { Grant: new (init: { clientId: string; accountId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> } };
  };
}

/** A person the test provider knows: the claims it gives about them. */
export interface TestAccount {
  readonly name: string;
  readonly role?: string;
  readonly departements?: readonly string[];
}

export interface TestProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The audience of the provider's access tokens for the API (resource indicator). */
  readonly apiAudience: string;
  /** A JWT access token of the client itself (client credentials), for `audience`. */
  clientToken(audience?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) in this process, on localhost: authorization code
 * with PKCE required, its development login page (any password), and consent taken as given. Roles
 * are provider values (`ddets-agent`, `inspection`) that the API maps by configuration.
 */
export const startOidcProvider = async ({ redirectUri, accounts }: { redirectUri: string; accounts: Readonly<Record<string, TestAccount>> }): Promise<TestProvider> => {
  // An ES module, required natively (Node ≥ 20.19), which is why this suite runs on node:test, not jest.
  const { default: Provider } = await import('oidc-provider');
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const clientId = 'mandate-ledger-console';
  const clientSecret = 'a-client-secret-only-this-test-knows';
  const apiAudience = 'urn:mandate-ledger:api';
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code', 'client_credentials'],
        token_endpoint_auth_method: 'client_secret_post',
        scope: 'openid profile email roles api',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['a-cookie-key-of-the-test-provider'] },
    pkce: { required: () => true },
    ttl: { AccessToken: 3600, AuthorizationCode: 60, ClientCredentials: 3600, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
    scopes: ['openid', 'profile', 'email', 'roles', 'api'],
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name'], email: ['email'], roles: ['role', 'departements'] },
    // The claims of the granted scopes in the ID token too, as ProConnect-like providers can be set to.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts[id];
      if (!account) return undefined;
      const [given_name, ...family] = account.name.split(' ');
      return { accountId: id, claims: async () => ({ sub: id, given_name, family_name: family.join(' '), ...account }) };
    },
    // Consent is not what is tested: every scope asked is granted.
    loadExistingGrant: async (ctx: GrantContext) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email roles');
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({ scope: 'api', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    // A program's token carries the role its client is given at the provider.
    extraTokenClaims: async (_ctx: unknown, token: { kind: string }) => (token.kind === 'ClientCredentials' ? { role: 'inspection' } : undefined),
  });
  provider.proxy = false;
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    apiAudience,
    clientToken: async (audience = apiAudience) => {
      const answer = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'api', resource: audience }),
      });
      const body = (await answer.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!body.access_token) throw new Error(`no client token: ${body.error} ${body.error_description}`);
      return body.access_token;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
