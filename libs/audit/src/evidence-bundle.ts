/**
 * What a leaf hashes: one stored event as a plain JSON object. Positions and revisions are
 * bigints in the store, which JSON and RFC 8785 cannot carry, so they are written as decimal
 * strings; `actor` repeats `metadata.actor` (or `null`) at the top so that who decided is read
 * without knowing the metadata's shape. Every member is always present.
 */
export interface LeafEnvelope {
  /** Place in the global log, decimal. */
  readonly position: string;
  readonly stream: string;
  /** Place in the stream, decimal. */
  readonly revision: string;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** When the store recorded the event (ISO 8601 UTC, milliseconds). */
  readonly recordedAt: string;
  readonly actor: unknown;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** The `format` member of every evidence bundle. */
export const EVIDENCE_BUNDLE_FORMAT = 'mandate-ledger/evidence-bundle';

/** The version this code writes and reads; a reader refuses a version it does not know. */
export const EVIDENCE_BUNDLE_VERSION = 1;

/**
 * What a bundle is evidence about. `kind` names the feature that made it (`mandate`; later
 * `compliance_case`), `id` the thing. `completeStreams` lists the streams the bundle gives in full
 * (every revision from 0 up to the checkpoint): the verifier checks none is missing in between.
 * Events of other streams may be cited one by one.
 */
export interface EvidenceSubject {
  readonly kind: string;
  readonly id: string;
  readonly completeStreams: readonly string[];
}

/** One cited event: its stored form (the exact JSON its leaf hashes) and its inclusion proof. */
export interface EvidenceEvent {
  readonly leafIndex: number;
  /** SHA-256(0x00 ‖ JCS(envelope)), hex: informative, recomputed and compared by the verifier. */
  readonly leafHash: string;
  readonly envelope: LeafEnvelope;
  /** RFC 9162 audit path in the checkpoint's tree, hex, from the leaf's sibling up. */
  readonly inclusionProof: readonly string[];
}

/**
 * A self-contained, offline-verifiable set of events: each proven included in one signed
 * checkpoint of the log. Only the note and the key are trusted input; the parsed fields beside
 * them are for readers and the verifier checks they agree.
 *
 * Extending it: a new subject `kind`, and new top-level members (a compliance report in
 * `attachments`, …) are additions within version 1; a change to what is hashed or proven bumps
 * `version`.
 */
export interface EvidenceBundle {
  readonly format: typeof EVIDENCE_BUNDLE_FORMAT;
  readonly version: typeof EVIDENCE_BUNDLE_VERSION;
  /** When the bundle was made (ISO 8601 UTC); not signed. */
  readonly createdAt: string;
  readonly subject: EvidenceSubject;
  readonly checkpoint: {
    /** The C2SP signed note, as signed. */
    readonly note: string;
    readonly origin: string;
    readonly treeSize: number;
    /** Hex. */
    readonly rootHash: string;
    readonly signedAt?: string;
  };
  readonly publicKey: {
    /** C2SP verifier key of the log (`<origin>+<key id>+<base64 key>`). Compare it with the one the operator publishes. */
    readonly vkey: string;
  };
  /** In log order. */
  readonly events: readonly EvidenceEvent[];
  /** Documents built from the events (a compliance report, …): carried along, not covered by the proofs. */
  readonly attachments?: Readonly<Record<string, unknown>>;
}
