import jsonwebtoken from 'jsonwebtoken';
import { signToken, verifyToken } from './jwt';

const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('bearer tokens (HS256)', () => {
  it('accepts a token minted by a standard JWT library with the same secret', () => {
    const token = jsonwebtoken.sign({ sub: 'agent-17', role: 'officer', departements: ['62'] }, secret, { algorithm: 'HS256', expiresIn: '1h' });
    expect(verifyToken(token, secret)).toMatchObject({ sub: 'agent-17', role: 'officer', departements: ['62'] });
  });

  it('mints tokens a standard JWT library verifies', () => {
    const token = signToken({ sub: 'auditor-1', role: 'auditor' }, secret);
    expect(jsonwebtoken.verify(token, secret, { algorithms: ['HS256'] })).toMatchObject({ sub: 'auditor-1', role: 'auditor' });
  });

  it('refuses a token signed with another secret, a tampered payload, alg none and an expired token', () => {
    const token = signToken({ sub: 'x', role: 'admin' }, secret);
    expect(() => verifyToken(token, `${secret}!`)).toThrow(/bad signature/);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', departements: ['75'] })).toString('base64url');
    expect(() => verifyToken(`${header}.${forged}.${signature}`, secret)).toThrow(/bad signature/);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(() => verifyToken(`${none}.${token.split('.')[1]}.`, secret)).toThrow(/algorithm none/);
    expect(() => verifyToken(signToken({ sub: 'x', role: 'admin', exp: 1000 }, secret), secret, 1000)).toThrow(/expired/);
  });

  it('refuses claims that do not fit a role: an officer without départements, an operator without operatorId, an unknown role', () => {
    expect(() => verifyToken(signToken({ sub: 'o', role: 'officer' }, secret), secret)).toThrow(/departements/);
    expect(() => verifyToken(signToken({ sub: 'o', role: 'operator' }, secret), secret)).toThrow(/operatorId/);
    expect(() => verifyToken(jsonwebtoken.sign({ sub: 'o', role: 'king' }, secret), secret)).toThrow(/unknown role/);
    expect(() => verifyToken('not.a.jwt.at-all', secret)).toThrow(/compact JWS/);
  });
});
