import { principalClaimsOf } from './claims-mapping';
import { oidcConfigFrom } from './oidc-config';

const provider = (env: NodeJS.ProcessEnv = {}) => oidcConfigFrom({ OIDC_ISSUER: 'https://idp.example.gouv.fr', OIDC_CLIENT_ID: 'console', ...env })!;

describe('the OIDC provider configuration', () => {
  it('is off without OIDC_ISSUER, and needs a client id with one', () => {
    expect(oidcConfigFrom({})).toBeUndefined();
    expect(() => oidcConfigFrom({ OIDC_ISSUER: 'https://idp.example.gouv.fr' })).toThrow(/OIDC_CLIENT_ID is required/);
  });

  it('accepts plain HTTP for a provider on localhost only, and lists every problem', () => {
    expect(provider({ OIDC_ISSUER: 'http://localhost:9000' }).issuer).toBe('http://localhost:9000');
    expect(() => provider({ OIDC_ISSUER: 'http://idp.example', OIDC_ROLE_VALUES: 'agent=king', OIDC_ROLE_CLAIM: 'a b', OIDC_SCOPES: 'profile' })).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/OIDC_ISSUER must use https/),
          expect.stringMatching(/OIDC_ROLE_VALUES/),
          expect.stringMatching(/OIDC_SCOPES must include openid/),
          expect.stringMatching(/OIDC_ROLE_CLAIM/),
        ],
      }),
    );
  });

  it('takes the API audience from the client id unless told', () => {
    expect(provider().apiAudience).toBe('console');
    expect(provider({ OIDC_API_AUDIENCE: 'mandate-ledger' }).apiAudience).toBe('mandate-ledger');
  });
});

describe("a provider's claims, as the API's", () => {
  const mapping = provider({ OIDC_ROLE_CLAIM: 'realm_access.roles', OIDC_ROLE_VALUES: 'ddets-agent=officer,inspection=auditor', OIDC_DEPARTEMENTS_CLAIM: 'dept' }).claims;

  it('maps a role value and départements given as a list or as a text', () => {
    expect(principalClaimsOf({ sub: 'a', realm_access: { roles: ['staff', 'ddets-agent'] }, dept: '62, 59', given_name: 'Ada', usual_name: 'Martin' }, mapping)).toEqual({
      sub: 'a',
      role: 'officer',
      departements: ['62', '59'],
      name: 'Ada Martin',
    });
    expect(principalClaimsOf({ sub: 'b', realm_access: { roles: 'inspection' }, email: 'b@example.gouv.fr' }, mapping)).toEqual({ sub: 'b', role: 'auditor', name: 'b@example.gouv.fr' });
  });

  it('keeps the broadest of several roles, and accepts role names as they are', () => {
    expect(principalClaimsOf({ sub: 'c', realm_access: { roles: ['inspection', 'admin'] } }, mapping).role).toBe('admin');
  });

  it('refuses a person with no known role, or an officer without départements', () => {
    expect(() => principalClaimsOf({ sub: 'd', realm_access: { roles: ['visitor'] } }, mapping)).toThrow(/no role this service knows/);
    expect(() => principalClaimsOf({ sub: 'e', realm_access: { roles: ['ddets-agent'] } }, mapping)).toThrow(/départements/);
  });
});
