import { createHash } from 'node:crypto';
import { type AuditableEvent, canonicalBytes, envelopeLeafHash, eventLeafHash, leafEnvelopeOf } from './leaf';
import { leafHash } from './merkle-tree';

const event: AuditableEvent = {
  position: 9_007_199_254_740_993n,
  stream: 'mandate-0190b5a0-0000-7000-8000-000000000001',
  revision: 3n,
  id: '0190b5a0-0000-7000-8000-0000000000aa',
  type: 'MandateSuspended',
  schemaVersion: 1,
  recordedAt: '2017-08-02T09:30:00.000Z',
  data: { effectiveFrom: '2017-07-31', reason: 'Arrêté préfectoral n° 2017-62-114' },
  metadata: { actor: { sub: 'officer-62', role: 'officer' }, correlationId: 'c-1', requestId: 'r-1' },
};

describe('leaf of a stored event', () => {
  it('hashes an envelope of every field, with position and revision as decimal strings and the actor on top', () => {
    expect(leafEnvelopeOf(event)).toEqual({
      position: '9007199254740993',
      stream: event.stream,
      revision: '3',
      id: event.id,
      type: 'MandateSuspended',
      schemaVersion: 1,
      recordedAt: '2017-08-02T09:30:00.000Z',
      actor: { sub: 'officer-62', role: 'officer' },
      data: event.data,
      metadata: event.metadata,
    });
  });

  it('is SHA-256 of 0x00 and the RFC 8785 bytes of the envelope', () => {
    const expected = createHash('sha256').update(Buffer.from([0])).update(canonicalBytes(leafEnvelopeOf(event))).digest();
    expect(eventLeafHash(event)).toEqual(expected);
    expect(eventLeafHash(event)).toEqual(leafHash(canonicalBytes(leafEnvelopeOf(event))));
    // Pinned (computed independently with Python's json.dumps sorted and compact, equal to JCS for this
    // event): a change to the envelope or the canonical form would invalidate every sealed leaf.
    expect(eventLeafHash(event).toString('hex')).toBe('0c9162ee0d5ca46941f0353c57d8206b00a76aadf7a657a9a0e3902f599a54c6');
  });

  it('does not depend on the order of members, as PostgreSQL jsonb reorders them', () => {
    const reordered = { ...event, data: { reason: (event.data as { reason: string }).reason, effectiveFrom: '2017-07-31' } } as AuditableEvent;
    expect(eventLeafHash(reordered)).toEqual(eventLeafHash(event));
  });

  it.each<[string, Partial<AuditableEvent>]>([
    ['position', { position: event.position + 1n }],
    ['stream', { stream: `${event.stream}x` }],
    ['revision', { revision: 4n }],
    ['id', { id: event.id.replace('aa', 'ab') }],
    ['type', { type: 'MandateReinstated' }],
    ['schema version', { schemaVersion: 2 }],
    ['recorded time', { recordedAt: '2017-08-02T09:30:00.001Z' }],
    ['data', { data: { effectiveFrom: '2017-07-30', reason: 'Arrêté préfectoral n° 2017-62-114' } }],
    ['metadata', { metadata: { ...event.metadata, requestId: 'r-2' } }],
  ])('changes when the %s changes', (_field, change) => {
    expect(eventLeafHash({ ...event, ...change })).not.toEqual(eventLeafHash(event));
  });

  it('records a null actor for metadata without one, rather than dropping the member', () => {
    const envelope = leafEnvelopeOf({ ...event, metadata: { correlationId: 'c' } });
    expect(envelope.actor).toBeNull();
    expect(envelopeLeafHash(envelope)).toEqual(eventLeafHash({ ...event, metadata: { correlationId: 'c' } }));
  });
});
