import { canonicalize } from './canonical-json';
import { type AsyncCrypto, bytesEqual, fromHex, runStepsAsync, sha256Step, type Steps, toHex, utf8 } from './crypto-steps';
import { EVIDENCE_BUNDLE_FORMAT, EVIDENCE_BUNDLE_VERSION, type EvidenceBundle, type EvidenceEvent, type LeafEnvelope } from './evidence-bundle';
import { ProofError, verifyInclusionSteps } from './inclusion-proof';
import { openCheckpointSteps, type OpenedCheckpointBytes, parseVerifierKeySteps, SignedNoteError, type VerifierKeyBytes } from './signed-note-reader';

// The offline verifier: no database, no network, no file system, and its crypto injected
// (crypto-steps.ts), so that Node.js (bundle-verifier.ts) and browsers run this same code. Its whole
// import graph is this file, canonical-json, crypto-steps, evidence-bundle, inclusion-proof and
// signed-note-reader.

/**
 * Why a bundle was refused: `MALFORMED_BUNDLE` (not a bundle this version can read),
 * `BAD_KEY` (not a valid verifier key), `UNTRUSTED_KEY` (valid, but not the key the caller trusts),
 * `BAD_SIGNATURE` (the checkpoint is not signed by the key), `BAD_CHECKPOINT` (signed, but its
 * fields in the bundle disagree with the note), `EVENT_NOT_PROVEN` (an event's proof does not
 * lead to the signed root), `INCOMPLETE_STREAM` (a stream claimed complete misses a revision).
 */
export type BundleFailureKind =
  | 'MALFORMED_BUNDLE'
  | 'BAD_KEY'
  | 'UNTRUSTED_KEY'
  | 'BAD_SIGNATURE'
  | 'BAD_CHECKPOINT'
  | 'EVENT_NOT_PROVEN'
  | 'INCOMPLETE_STREAM';

/** The first thing wrong with a bundle. */
export interface BundleFailure {
  readonly kind: BundleFailureKind;
  readonly detail: string;
  /** The first failing event: its index in `events`, its global position and leaf index. */
  readonly event?: { readonly index: number; readonly position?: string; readonly leafIndex?: number };
}

/** What a verified bundle establishes. */
export interface BundleSummary {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt?: string;
  /** `<name>+<key id>` of the key that signed. */
  readonly keyId: string;
  /** True when the caller gave no trusted key and the bundle's own key was used. */
  readonly keyFromBundle: boolean;
  readonly events: number;
  readonly streams: readonly string[];
  readonly subject: { readonly kind: string; readonly id: string };
}

/** Either what the bundle establishes, or its first failure. */
export type BundleVerification = { readonly ok: true; readonly summary: BundleSummary } | { readonly ok: false; readonly failure: BundleFailure };

/** Options of {@link verifyEvidenceBundle}. */
export interface BundleVerifierOptions {
  /** The verifier key the reader trusts (published by the log's operator). Without it, the bundle's own key is used. */
  readonly trustedKey?: string;
}

class Refusal extends Error {
  constructor(readonly failure: BundleFailure) {
    super(failure.detail);
  }
}

const refuse = (kind: BundleFailureKind, detail: string, event?: BundleFailure['event']): Refusal => new Refusal({ kind, detail, event });

/**
 * Checks an evidence bundle offline: the key (against the trusted one if given), the checkpoint's
 * signature, then every event's leaf hash and inclusion proof against the signed root, in order.
 * Never throws for a bad bundle: returns the first failure, naming the event. Runs with any crypto:
 * see {@link verifyEvidenceBundleAsync} and, in Node.js, `verifyEvidenceBundle`.
 */
export function* bundleVerificationSteps(input: unknown, options: BundleVerifierOptions = {}): Steps<BundleVerification> {
  try {
    return { ok: true, summary: yield* verifyOrRefuse(input, options) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, failure: error.failure };
    throw error;
  }
}

/** {@link bundleVerificationSteps} with asynchronous crypto: WebCrypto in a browser. */
export const verifyEvidenceBundleAsync = (input: unknown, crypto: AsyncCrypto, options: BundleVerifierOptions = {}): Promise<BundleVerification> =>
  runStepsAsync(bundleVerificationSteps(input, options), crypto);

function* verifyOrRefuse(input: unknown, options: BundleVerifierOptions): Steps<BundleSummary> {
  const bundle = readBundle(input);
  const key = yield* trustedKeyFor(bundle, options.trustedKey);
  const checkpoint = yield* openBundleCheckpoint(bundle, key);
  for (const [index, event] of bundle.events.entries()) yield* proveEvent(event, index, checkpoint);
  assertInLogOrder(bundle.events);
  assertCompleteStreams(bundle);
  return {
    origin: checkpoint.origin,
    treeSize: checkpoint.treeSize,
    rootHash: toHex(checkpoint.rootHash),
    signedAt: checkpoint.signedAt,
    keyId: `${key.name}+${toHex(key.keyId)}`,
    keyFromBundle: options.trustedKey === undefined,
    events: bundle.events.length,
    streams: [...new Set(bundle.events.map((e) => e.envelope.stream))],
    subject: { kind: bundle.subject.kind, id: bundle.subject.id },
  };
}

function* trustedKeyFor(bundle: EvidenceBundle, trusted: string | undefined): Steps<VerifierKeyBytes> {
  function* parse(vkey: string, whose: string): Steps<VerifierKeyBytes> {
    try {
      return yield* parseVerifierKeySteps(vkey.trim());
    } catch (error) {
      throw refuse('BAD_KEY', `${whose} is not an Ed25519 verifier key: ${(error as Error).message}`);
    }
  }
  const own = yield* parse(bundle.publicKey.vkey, 'The bundle key');
  if (trusted === undefined) return own;
  const key = yield* parse(trusted, 'The trusted key');
  if (key.name !== own.name || !bytesEqual(key.publicKey, own.publicKey)) {
    throw refuse('UNTRUSTED_KEY', `The bundle carries the key ${own.name}+${toHex(own.keyId)}, not the trusted ${key.name}+${toHex(key.keyId)}`);
  }
  return key;
}

function* openBundleCheckpoint(bundle: EvidenceBundle, key: VerifierKeyBytes): Steps<OpenedCheckpointBytes> {
  let opened: OpenedCheckpointBytes;
  try {
    opened = yield* openCheckpointSteps(bundle.checkpoint.note, key.name, key.publicKey);
  } catch (error) {
    if (!(error instanceof SignedNoteError)) throw error;
    throw refuse('BAD_SIGNATURE', `The checkpoint is not validly signed by ${key.name}: ${error.message}`);
  }
  const stated = bundle.checkpoint;
  const disagreements = [
    stated.origin !== opened.origin && 'origin',
    stated.treeSize !== opened.treeSize && 'treeSize',
    stated.rootHash !== toHex(opened.rootHash) && 'rootHash',
    stated.signedAt !== opened.signedAt && 'signedAt',
  ].filter(Boolean);
  if (disagreements.length > 0) throw refuse('BAD_CHECKPOINT', `The checkpoint's ${disagreements.join(', ')} disagree with its signed note`);
  return opened;
}

/** RFC 9162 leaf hash of an envelope: SHA-256(0x00 ‖ JCS(envelope)), as leaf.ts computes it for the sealer. */
const envelopeLeafHashStep = (envelope: LeafEnvelope): Steps<Uint8Array> => sha256Step(utf8(`\u0000${canonicalize(envelope)}`));

function* proveEvent(event: EvidenceEvent, index: number, checkpoint: OpenedCheckpointBytes): Steps<void> {
  const where = { index, position: event.envelope.position, leafIndex: event.leafIndex };
  const named = `event ${index} (position ${event.envelope.position}, leaf ${event.leafIndex}, ${event.envelope.type} ${event.envelope.id})`;
  const leafHash = yield* envelopeLeafHashStep(event.envelope);
  if (toHex(leafHash) !== event.leafHash) throw refuse('EVENT_NOT_PROVEN', `The content of ${named} does not hash to its leaf hash`, where);
  try {
    yield* verifyInclusionSteps(event.leafIndex, checkpoint.treeSize, leafHash, event.inclusionProof.map(fromHex), checkpoint.rootHash);
  } catch (error) {
    if (!(error instanceof ProofError)) throw error;
    throw refuse('EVENT_NOT_PROVEN', `The inclusion proof of ${named} fails: ${error.message}`, where);
  }
}

const assertInLogOrder = (events: readonly EvidenceEvent[]): void => {
  for (let i = 1; i < events.length; i++) {
    if (events[i].leafIndex <= events[i - 1].leafIndex || BigInt(events[i].envelope.position) <= BigInt(events[i - 1].envelope.position)) {
      throw refuse('MALFORMED_BUNDLE', `Event ${i} is not after event ${i - 1} in the log`, { index: i, position: events[i].envelope.position });
    }
  }
};

const assertCompleteStreams = ({ subject, events }: EvidenceBundle): void => {
  for (const stream of subject.completeStreams) {
    const revisions = events.filter((e) => e.envelope.stream === stream).map((e) => e.envelope.revision);
    if (revisions.length === 0) throw refuse('INCOMPLETE_STREAM', `The bundle claims stream ${stream} in full but holds none of its events`);
    const gap = revisions.findIndex((revision, i) => revision !== String(i));
    if (gap >= 0) throw refuse('INCOMPLETE_STREAM', `Stream ${stream} is claimed in full but revision ${gap} is missing`);
  }
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isDecimal = (value: unknown): value is string => typeof value === 'string' && /^(0|-?[1-9][0-9]*)$/.test(value);
const isHexHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

const ENVELOPE_MEMBERS = ['actor', 'data', 'id', 'metadata', 'position', 'recordedAt', 'revision', 'schemaVersion', 'stream', 'type'];

const isEnvelope = (value: unknown): value is LeafEnvelope =>
  isObject(value) &&
  Object.keys(value).sort().join() === ENVELOPE_MEMBERS.join() &&
  isDecimal(value.position) &&
  isDecimal(value.revision) &&
  ['stream', 'id', 'type', 'recordedAt'].every((member) => typeof value[member] === 'string') &&
  Number.isSafeInteger(value.schemaVersion) &&
  isObject(value.data) &&
  isObject(value.metadata);

const isEvidenceEvent = (value: unknown): value is EvidenceEvent =>
  isObject(value) &&
  isCount(value.leafIndex) &&
  isHexHash(value.leafHash) &&
  isEnvelope(value.envelope) &&
  Array.isArray(value.inclusionProof) &&
  value.inclusionProof.every(isHexHash);

/** Checks the shape this version reads; the members it does not know (attachments, …) are left alone. */
const readBundle = (input: unknown): EvidenceBundle => {
  const malformed = (why: string, event?: BundleFailure['event']) => refuse('MALFORMED_BUNDLE', why, event);
  if (!isObject(input) || input.format !== EVIDENCE_BUNDLE_FORMAT) throw malformed(`Not an evidence bundle (format ${EVIDENCE_BUNDLE_FORMAT})`);
  if (input.version !== EVIDENCE_BUNDLE_VERSION) throw malformed(`Bundle version ${String(input.version)} is not ${EVIDENCE_BUNDLE_VERSION}`);
  const { subject, checkpoint, publicKey, events } = input;
  if (!isObject(subject) || typeof subject.kind !== 'string' || typeof subject.id !== 'string' || !isStringArray(subject.completeStreams)) {
    throw malformed('subject needs kind, id and completeStreams');
  }
  if (!isObject(checkpoint) || typeof checkpoint.note !== 'string' || typeof checkpoint.origin !== 'string' || !isCount(checkpoint.treeSize) || typeof checkpoint.rootHash !== 'string') {
    throw malformed('checkpoint needs note, origin, treeSize and rootHash');
  }
  if (!isObject(publicKey) || typeof publicKey.vkey !== 'string') throw malformed('publicKey needs vkey');
  if (!Array.isArray(events)) throw malformed('events is a list');
  const bad = events.findIndex((event) => !isEvidenceEvent(event));
  if (bad >= 0) throw malformed(`Event ${bad} is not a leaf index, leaf hash, envelope and inclusion proof`, { index: bad });
  return input as unknown as EvidenceBundle;
};

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
