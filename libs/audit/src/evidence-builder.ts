import { AuditError, type AuditLog } from './audit-log';
import type { SealedLeaf } from './audit-store.port';
import { EVIDENCE_BUNDLE_FORMAT, EVIDENCE_BUNDLE_VERSION, type EvidenceBundle, type EvidenceSubject } from './evidence-bundle';
import { type AuditableEvent, eventLeafHash, leafEnvelopeOf } from './leaf';
import { parseVerifierKey } from './signed-note';

/** The events to prove, what they are evidence about, and the key to hand the reader. */
export interface EvidenceRequest {
  readonly subject: EvidenceSubject;
  /** The cited events in their stored form (read without upcasters), in log order. */
  readonly events: readonly AuditableEvent[];
  /** The log's verifier key, given to the reader along with the proofs. */
  readonly vkey: string;
  readonly clock?: () => Date;
}

/**
 * Proves each event included in the latest checkpoint and packs everything a verifier needs
 * offline. Refuses an event that is not sealed or not yet in a checkpoint (`POSITION_NOT_SEALED`,
 * `POSITION_NOT_IN_CHECKPOINT`: sign a checkpoint and retry), or that no longer matches its leaf
 * (`LEAF_MISMATCH`): a bundle never carries an event its own proof would refute.
 */
export const buildEvidenceBundle = async (log: AuditLog, { subject, events, vkey, clock = () => new Date() }: EvidenceRequest): Promise<EvidenceBundle> => {
  const leaves = await Promise.all(events.map((event) => sealedLeafOf(log, event)));
  const checkpoint = await log.checkpointOf();
  const paths = await log.auditPaths(leaves, checkpoint);
  return {
    format: EVIDENCE_BUNDLE_FORMAT,
    version: EVIDENCE_BUNDLE_VERSION,
    createdAt: clock().toISOString(),
    subject,
    checkpoint: {
      note: checkpoint.note,
      origin: parseVerifierKey(vkey).name,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash.toString('hex'),
      signedAt: checkpoint.signedAt,
    },
    publicKey: { vkey },
    events: events.map((event, i) => ({
      leafIndex: leaves[i].leafIndex,
      leafHash: leaves[i].hash.toString('hex'),
      envelope: leafEnvelopeOf(event),
      inclusionProof: paths[i].map((hash) => hash.toString('hex')),
    })),
  };
};

const sealedLeafOf = async (log: AuditLog, event: AuditableEvent): Promise<SealedLeaf> => {
  const leaf = await log.store.leafAt(event.position);
  if (!leaf) throw new AuditError('POSITION_NOT_SEALED', `The event at position ${event.position} is not sealed yet`);
  if (!eventLeafHash(event).equals(leaf.hash)) {
    throw new AuditError('LEAF_MISMATCH', `The stored event at position ${event.position} does not match its sealed leaf: run verify`);
  }
  return leaf;
};
