import {
  type BundleVerification,
  EVIDENCE_BUNDLE_FORMAT,
  EVIDENCE_BUNDLE_VERSION,
  type AsyncCrypto,
  type EvidenceBundle,
  type LeafEnvelope,
  verifyEvidenceBundleAsync,
} from '@mandate-ledger/audit/portable';

// The evidence of one stream (a mandate's, an operator's, a case's) gathered from the API's public
// routes, then checked here with the audit library's own verifier: nothing of the server's verdict
// is taken on trust, only the key it publishes.

/** One decision as `GET …/history` gives it. */
export interface TrailEntry {
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export interface TrailCheckpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt: string;
  readonly note: string;
}

export interface TrailProof {
  readonly leafIndex: number;
  readonly leafHash: string;
  readonly auditPath: readonly string[];
}

/** How the trail reaches the API: the public key, the latest checkpoint, an event's proof in a tree (undefined: not in it yet). */
export interface TrailSource {
  publicKey(): Promise<{ vkey: string }>;
  checkpoint(): Promise<TrailCheckpoint>;
  proof(position: string, treeSize: number): Promise<TrailProof | undefined>;
}

/** The stored form of a history entry: exactly what its leaf hashes (libs/audit `leafEnvelopeOf`). */
export const envelopeOf = (stream: string, entry: TrailEntry): LeafEnvelope => ({
  actor: (entry.metadata as { actor?: unknown } | null)?.actor ?? null,
  data: entry.data,
  id: entry.eventId,
  metadata: entry.metadata,
  position: entry.position,
  recordedAt: entry.recordedAt,
  revision: String(entry.revision),
  schemaVersion: entry.schemaVersion,
  stream,
  type: entry.type,
});

export interface Trail {
  readonly bundle: EvidenceBundle;
  readonly vkey: string;
  /** Recorded after the latest checkpoint: sealed within seconds, verifiable then. */
  readonly pending: readonly TrailEntry[];
}

/** Gathers a stream's events, each with its inclusion proof in the latest signed checkpoint, as an evidence bundle. */
export const collectTrail = async (
  subject: { kind: string; id: string; stream: string },
  history: readonly TrailEntry[],
  source: TrailSource,
): Promise<Trail> => {
  const [{ vkey }, checkpoint] = await Promise.all([source.publicKey(), source.checkpoint()]);
  const entries = [...history].sort((a, b) => a.revision - b.revision);
  const proofs = await Promise.all(entries.map((entry) => source.proof(entry.position, checkpoint.treeSize)));
  const proven = entries.flatMap((entry, i) => {
    const proof = proofs[i];
    return proof ? [{ entry, proof }] : [];
  });
  const pending = entries.filter((_, i) => proofs[i] === undefined);
  // The stream is given in full when its proven events are revisions 0, 1, 2… with none left out.
  const complete = proven.length > 0 && proven.every(({ entry }, i) => entry.revision === i);
  return {
    vkey,
    pending,
    bundle: {
      format: EVIDENCE_BUNDLE_FORMAT,
      version: EVIDENCE_BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      subject: { kind: subject.kind, id: subject.id, completeStreams: complete ? [subject.stream] : [] },
      checkpoint: { note: checkpoint.note, origin: checkpoint.origin, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, signedAt: checkpoint.signedAt },
      publicKey: { vkey },
      events: proven.map(({ entry, proof }) => ({
        leafIndex: proof.leafIndex,
        leafHash: proof.leafHash,
        envelope: envelopeOf(subject.stream, entry),
        inclusionProof: proof.auditPath,
      })),
    },
  };
};

/** Verifies a trail against the key the service publishes, with the given crypto (WebCrypto in the browser). */
export const verifyTrail = (trail: Trail, crypto: AsyncCrypto): Promise<BundleVerification> =>
  verifyEvidenceBundleAsync(trail.bundle, crypto, { trustedKey: trail.vkey });
