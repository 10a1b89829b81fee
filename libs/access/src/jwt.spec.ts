import jsonwebtoken from 'jsonwebtoken';
import { DEFAULT_TOKEN_POLICY, signToken, timedClaims, type TokenClaims, type TokenPolicy, verifyToken } from './jwt';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const NOW = 1_700_000_000;
const HOUR = 3600;

/** A token signed with the secret, issued at NOW for an hour unless the claims say otherwise. */
const token = (claims: Record<string, unknown> = {}): string => signToken({ sub: 'agent-17', role: 'auditor', iat: NOW, exp: NOW + HOUR, ...claims } as TokenClaims, secret);

const verifiedAt = (now: number, policy: TokenPolicy = DEFAULT_TOKEN_POLICY) => (jwt: string) => verifyToken(jwt, secret, policy, now);

describe('bearer tokens (HS256)', () => {
  it('accepts a token minted by a standard JWT library with the same secret', () => {
    const minted = jsonwebtoken.sign({ sub: 'agent-17', role: 'officer', departements: ['62'] }, secret, { algorithm: 'HS256', expiresIn: '1h' });
    expect(verifyToken(minted, secret)).toMatchObject({ sub: 'agent-17', role: 'officer', departements: ['62'] });
  });

  it('mints tokens a standard JWT library verifies', () => {
    const minted = signToken({ sub: 'auditor-1', role: 'auditor', ...timedClaims(DEFAULT_TOKEN_POLICY, HOUR) }, secret);
    expect(jsonwebtoken.verify(minted, secret, { algorithms: ['HS256'] })).toMatchObject({ sub: 'auditor-1', role: 'auditor' });
  });

  it('refuses a token signed with another secret, a tampered payload, alg none and an expired token', () => {
    const signed = token({ role: 'admin' });
    expect(() => verifyToken(signed, `${secret}!`, DEFAULT_TOKEN_POLICY, NOW)).toThrow(/bad signature/);
    const [header, , signature] = signed.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', departements: ['75'], exp: NOW + HOUR })).toString('base64url');
    expect(() => verifiedAt(NOW)(`${header}.${forged}.${signature}`)).toThrow(/bad signature/);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(() => verifiedAt(NOW)(`${none}.${signed.split('.')[1]}.`)).toThrow(/algorithm none/);
    expect(() => verifiedAt(NOW + HOUR)(signed)).toThrow(/expired/);
  });

  it('refuses claims that do not fit a role: an officer without départements, an operator without operatorId, an unknown role', () => {
    expect(() => verifiedAt(NOW)(token({ role: 'officer' }))).toThrow(/departements/);
    expect(() => verifiedAt(NOW)(token({ role: 'operator' }))).toThrow(/operatorId/);
    expect(() => verifyToken(jsonwebtoken.sign({ sub: 'o', role: 'king' }, secret, { expiresIn: '1h' }), secret)).toThrow(/unknown role/);
    expect(() => verifyToken('not.a.jwt.at-all', secret)).toThrow(/compact JWS/);
  });

  it('refuses a token whose header or payload is JSON but not an object', () => {
    const [header] = token().split('.');
    const payload = Buffer.from('null').toString('base64url');
    expect(() => verifiedAt(NOW)(`${header}.${payload}.x`)).toThrow(/not a JSON object/);
  });

  it('refuses a token that never expires, or whose exp is not a number', () => {
    expect(() => verifiedAt(NOW)(token({ exp: undefined }))).toThrow(/numeric exp is required/);
    expect(() => verifiedAt(NOW)(token({ exp: String(NOW + HOUR) }))).toThrow(/numeric exp is required/);
    expect(() => verifiedAt(NOW)(token({ iat: 'yesterday' }))).toThrow(/iat must be a number/);
  });

  it('accepts a token valid for exactly the longest lifetime allowed (12 hours by default), and refuses one a second longer', () => {
    expect(verifiedAt(NOW)(token({ exp: NOW + 12 * HOUR }))).toMatchObject({ sub: 'agent-17' });
    expect(() => verifiedAt(NOW)(token({ exp: NOW + 12 * HOUR + 1 }))).toThrow(/longer than the 43200 s allowed/);
    expect(() => verifiedAt(NOW, { maxLifetimeSeconds: HOUR })(token({ exp: NOW + 2 * HOUR }))).toThrow(/longer than the 3600 s allowed/);
  });

  it('measures the lifetime of a token without iat from now: a far expiry is refused, a near one accepted', () => {
    expect(() => verifiedAt(NOW)(token({ iat: undefined, exp: NOW + 365 * 24 * HOUR }))).toThrow(/longer than/);
    expect(verifiedAt(NOW)(token({ iat: undefined, exp: NOW + HOUR }))).toMatchObject({ sub: 'agent-17' });
  });

  it('tolerates a minute of clock skew on iat and nbf, not more', () => {
    expect(verifiedAt(NOW)(token({ iat: NOW + 60, exp: NOW + HOUR }))).toMatchObject({ sub: 'agent-17' });
    expect(() => verifiedAt(NOW)(token({ iat: NOW + 61, exp: NOW + HOUR }))).toThrow(/issued in the future/);
    expect(verifiedAt(NOW)(token({ nbf: NOW + 60 }))).toMatchObject({ sub: 'agent-17' });
    expect(() => verifiedAt(NOW)(token({ nbf: NOW + 61 }))).toThrow(/not yet valid/);
    expect(() => verifiedAt(NOW)(token({ nbf: 'soon' }))).toThrow(/nbf must be a number/);
  });

  it('checks iss and aud only when configured; aud may be one audience or a list naming ours', () => {
    const policy = { ...DEFAULT_TOKEN_POLICY, issuer: 'https://idp.example.gouv.fr', audience: 'mandate-ledger' };
    const verify = verifiedAt(NOW, policy);
    expect(verifiedAt(NOW)(token({ iss: 'anyone', aud: 'anything' }))).toMatchObject({ sub: 'agent-17' });
    expect(verify(token({ iss: policy.issuer, aud: 'mandate-ledger' }))).toMatchObject({ sub: 'agent-17' });
    expect(verify(token({ iss: policy.issuer, aud: ['other-api', 'mandate-ledger'] }))).toMatchObject({ sub: 'agent-17' });
    expect(() => verify(token({ aud: 'mandate-ledger' }))).toThrow(/expected issuer/);
    expect(() => verify(token({ iss: 'https://evil.example', aud: 'mandate-ledger' }))).toThrow(/expected issuer/);
    expect(() => verify(token({ iss: policy.issuer }))).toThrow(/audience/);
    expect(() => verify(token({ iss: policy.issuer, aud: ['other-api'] }))).toThrow(/audience/);
  });

  it('accepts a token minted by a standard JWT library with the configured issuer and audience', () => {
    const policy = { ...DEFAULT_TOKEN_POLICY, issuer: 'https://idp.example.gouv.fr', audience: 'mandate-ledger' };
    const minted = jsonwebtoken.sign({ sub: 'agent-17', role: 'auditor' }, secret, { expiresIn: '2h', issuer: policy.issuer, audience: ['mandate-ledger'] });
    expect(verifyToken(minted, secret, policy)).toMatchObject({ sub: 'agent-17' });
  });

  it('stamps minted claims with the policy: issued now, expiring after the lifetime, with its issuer and audience', () => {
    expect(timedClaims({ maxLifetimeSeconds: HOUR, issuer: 'idp', audience: 'api' }, 600, NOW)).toEqual({ iat: NOW, exp: NOW + 600, iss: 'idp', aud: 'api' });
    expect(timedClaims(DEFAULT_TOKEN_POLICY, 600, NOW)).toEqual({ iat: NOW, exp: NOW + 600 });
  });
});
