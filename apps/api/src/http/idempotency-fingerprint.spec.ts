import { idempotencyFingerprintOf, type IdempotentRequest } from './idempotency-fingerprint';

const suspension: IdempotentRequest = {
  method: 'POST',
  path: '/mandates/0190a6f4-7c1e-7a3b-9c2d-5e6f7a8b9c0d/suspensions',
  principal: { sub: 'agent-62', role: 'officer', departements: ['62', '59'] },
  body: { effectiveFrom: '2017-10-02', reason: 'staff safety', decisionReference: 'AP-2017-1004' },
};
const fingerprint = idempotencyFingerprintOf(suspension);

describe('the fingerprint an Idempotency-Key is stored with', () => {
  it('is the same for a retry: members in another order, départements in another order, a token minted again', () => {
    const retry: IdempotentRequest = {
      method: 'post',
      path: suspension.path,
      principal: { sub: 'agent-62', departements: ['59', '62'], role: 'officer', iat: 1_700_000_000, exp: 1_700_003_600 },
      body: { decisionReference: 'AP-2017-1004', reason: 'staff safety', effectiveFrom: '2017-10-02' },
    };
    expect(idempotencyFingerprintOf(retry)).toBe(fingerprint);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<IdempotentRequest>]>([
    ['another method', { method: 'PATCH' }],
    ['another route of the same mandate', { path: suspension.path.replace('suspensions', 'terminations') }],
    ['another mandate', { path: suspension.path.replace('0190a6f4', '0190a6f5') }],
    ['another body', { body: { ...(suspension.body as object), reason: 'staff safety, again' } }],
    ['a body nested differently', { body: { suspension: suspension.body } }],
    ['another sub', { principal: { ...suspension.principal, sub: 'agent-59' } }],
    ['another role', { principal: { ...suspension.principal, role: 'admin' } }],
    ['other départements', { principal: { ...suspension.principal, departements: ['62'] } }],
    ['an operatorId', { principal: { ...suspension.principal, operatorId: 'op-1' } }],
  ])('differs for %s', (_, change) => {
    expect(idempotencyFingerprintOf({ ...suspension, ...change })).not.toBe(fingerprint);
  });
});
