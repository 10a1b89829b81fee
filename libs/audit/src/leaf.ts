import { hash } from 'node:crypto';
import { canonicalize } from './canonical-json';
import type { LeafEnvelope } from './evidence-bundle';

export type { LeafEnvelope } from './evidence-bundle';

/**
 * The fields of a stored event that its leaf covers. The event store's `StoredEvent` has this
 * shape; it is restated here so that this file, part of the offline verifier, imports no store.
 * The event must be in its stored form: read without upcasters, since an upcaster changes `data`
 * and `schemaVersion` on the way out and the leaf would no longer match what was sealed.
 */
export interface AuditableEvent {
  readonly position: bigint;
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly data: object;
  readonly metadata: object;
}

/** The envelope of a stored event: exactly the JSON its leaf hashes. */
export const leafEnvelopeOf = (event: AuditableEvent): LeafEnvelope => ({
  // Members in their canonical order, which leaves the canonicalizer's sort nothing to move.
  actor: (event.metadata as { actor?: unknown }).actor ?? null,
  data: event.data,
  id: event.id,
  metadata: event.metadata,
  position: event.position.toString(),
  recordedAt: event.recordedAt,
  revision: event.revision.toString(),
  schemaVersion: event.schemaVersion,
  stream: event.stream,
  type: event.type,
});

/** {@link canonicalize} encoded as UTF-8: the exact bytes that get hashed. */
export const canonicalBytes = (value: unknown): Buffer => Buffer.from(canonicalize(value), 'utf8');

/**
 * SHA-256 in one call (a string is hashed as UTF-8). The digest comes out as a 'binary' (latin1)
 * string, one character per byte, copied into a pooled Buffer: half the cost of a Hash object or
 * of a digest Buffer allocated for itself, for the two hashes the tree takes per leaf.
 */
export const sha256 = (data: string | Uint8Array): Buffer => Buffer.from(hash('sha256', data, 'binary'), 'binary');

/** RFC 9162 leaf hash of an envelope: SHA-256(0x00 ‖ JCS(envelope)); U+0000 is the byte 0x00 in UTF-8. */
export const envelopeLeafHash = (envelope: LeafEnvelope): Buffer => sha256(`\u0000${canonicalize(envelope)}`);

/** The leaf hash of a stored event: what the sealer stores and the verifiers recompute. */
export const eventLeafHash = (event: AuditableEvent): Buffer => envelopeLeafHash(leafEnvelopeOf(event));
