import { generateKeyPairSync } from 'node:crypto';
import { verifyEvidenceBundle, verifyEvidenceBundleAsync } from './bundle-verifier';
import { signCheckpoint } from './checkpoint-note';
import type { AsyncCrypto } from './crypto-steps';
import { EVIDENCE_BUNDLE_FORMAT, type EvidenceBundle } from './evidence-bundle';
import { type AuditableEvent, eventLeafHash, leafEnvelopeOf } from './leaf';
import { inclusionProof, nodeReaderFromLeaves, rootOf } from './merkle-tree';
import { formatVerifierKey } from './signed-note';

const ORIGIN = 'mandate-ledger/test';
const newKey = (name = ORIGIN) => {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { signer: { name, privateKey }, vkey: formatVerifierKey({ name, publicKey: privateKey }) };
};
const key = newKey();

const MANDATE = 'mandate-7f0c7d2e-2f0b-4f7e-9a55-0c1d2e3f4a5b';
const OTHER = 'operator-5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

/** A log of 12 events, two of its streams cited in the bundle. */
const log: AuditableEvent[] = Array.from({ length: 12 }, (_, i) => ({
  position: BigInt(100 + i * 7),
  stream: i % 3 === 0 ? MANDATE : i % 3 === 1 ? OTHER : `mandate-${i}`,
  revision: BigInt(Math.floor(i / 3)),
  id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  type: i % 3 === 0 ? 'MandateActivityReported' : 'OperatorDetailsUpdated',
  schemaVersion: 1,
  recordedAt: `2017-09-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`,
  data: { index: i, showersPerWeek: 700 + i },
  metadata: { actor: { sub: 'officer-62', role: 'officer' }, correlationId: `c-${i}` },
}));
const hashes = log.map(eventLeafHash);
const read = nodeReaderFromLeaves(hashes);

const bundleOf = (cited: number[], signing = key): EvidenceBundle => {
  const signedAt = '2017-10-01T00:00:00.000Z';
  const note = signCheckpoint(log.length, rootOf(hashes), signedAt, signing.signer);
  return {
    format: EVIDENCE_BUNDLE_FORMAT,
    version: 1,
    createdAt: '2017-10-02T00:00:00.000Z',
    subject: { kind: 'mandate', id: '7f0c7d2e-2f0b-4f7e-9a55-0c1d2e3f4a5b', completeStreams: [MANDATE] },
    checkpoint: { note, origin: ORIGIN, treeSize: log.length, rootHash: rootOf(hashes).toString('hex'), signedAt },
    publicKey: { vkey: signing.vkey },
    events: cited.map((i) => ({
      leafIndex: i,
      leafHash: hashes[i].toString('hex'),
      envelope: leafEnvelopeOf(log[i]),
      inclusionProof: inclusionProof(i, log.length, read).map((h) => h.toString('hex')),
    })),
  };
};

const MANDATE_EVENTS = [0, 3, 6, 9];
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
const copy = (bundle: EvidenceBundle) => JSON.parse(JSON.stringify(bundle)) as Mutable<EvidenceBundle>;

/** The same text with one character changed at `at` (a digit or letter to another). */
const flip = (text: string, at: number): string => text.slice(0, at) + (text[at] === '0' ? '1' : '0') + text.slice(at + 1);

describe('offline verification of an evidence bundle', () => {
  it('accepts a bundle whose every event is proven in the signed checkpoint', () => {
    const result = verifyEvidenceBundle(bundleOf([...MANDATE_EVENTS, 10]));
    expect(result).toEqual({
      ok: true,
      summary: expect.objectContaining({ origin: ORIGIN, treeSize: 12, events: 5, keyFromBundle: true, streams: [MANDATE, OTHER] }),
    });
  });

  it('accepts it against the trusted key, and refuses a bundle that carries another key', () => {
    expect(verifyEvidenceBundle(bundleOf(MANDATE_EVENTS), { trustedKey: key.vkey })).toMatchObject({ ok: true, summary: { keyFromBundle: false } });
    const forged = bundleOf(MANDATE_EVENTS, newKey());
    expect(verifyEvidenceBundle(forged, { trustedKey: key.vkey })).toMatchObject({ ok: false, failure: { kind: 'UNTRUSTED_KEY' } });
  });

  it('names the event whose data lost or gained one byte', () => {
    const bundle = copy(bundleOf(MANDATE_EVENTS));
    (bundle.events[2].envelope.data as { showersPerWeek: number }).showersPerWeek = 7060;
    expect(verifyEvidenceBundle(bundle)).toEqual({
      ok: false,
      failure: { kind: 'EVENT_NOT_PROVEN', event: { index: 2, position: '142', leafIndex: 6 }, detail: expect.stringContaining('does not hash to its leaf hash') },
    });
  });

  it('names the event whose content and leaf hash were both changed: its proof fails', () => {
    const bundle = copy(bundleOf(MANDATE_EVENTS));
    bundle.events[1].envelope = { ...bundle.events[1].envelope, recordedAt: '2017-09-05T10:00:00.000Z' };
    bundle.events[1].leafHash = eventLeafHash({ ...log[3], recordedAt: '2017-09-05T10:00:00.000Z' }).toString('hex');
    expect(verifyEvidenceBundle(bundle)).toMatchObject({ ok: false, failure: { kind: 'EVENT_NOT_PROVEN', event: { index: 1, position: '121' } } });
  });

  it('names the event one of whose proof hashes was changed', () => {
    const bundle = copy(bundleOf(MANDATE_EVENTS));
    bundle.events[3].inclusionProof = bundle.events[3].inclusionProof.map((h, i) => (i === 1 ? flip(h, 10) : h));
    expect(verifyEvidenceBundle(bundle)).toMatchObject({
      ok: false,
      failure: { kind: 'EVENT_NOT_PROVEN', event: { index: 3, position: '163', leafIndex: 9 }, detail: expect.stringContaining('inclusion proof') },
    });
  });

  it('refuses a checkpoint whose signature was changed', () => {
    const bundle = copy(bundleOf(MANDATE_EVENTS));
    const note = bundle.checkpoint.note;
    const signature = note.lastIndexOf(' ') + 20;
    bundle.checkpoint.note = note.slice(0, signature) + (note[signature] === 'A' ? 'B' : 'A') + note.slice(signature + 1);
    expect(verifyEvidenceBundle(bundle)).toMatchObject({ ok: false, failure: { kind: 'BAD_SIGNATURE' } });
  });

  it('refuses a checkpoint re-signed with a key other than the one in the bundle', () => {
    const bundle = copy(bundleOf(MANDATE_EVENTS));
    bundle.publicKey.vkey = newKey().vkey;
    expect(verifyEvidenceBundle(bundle)).toMatchObject({ ok: false, failure: { kind: 'BAD_SIGNATURE', detail: expect.stringContaining('not signed by') } });
  });

  it('refuses a key that is not a verifier key', () => {
    const bundle = copy(bundleOf(MANDATE_EVENTS));
    bundle.publicKey.vkey = flip(bundle.publicKey.vkey, bundle.publicKey.vkey.length - 5);
    expect(verifyEvidenceBundle(bundle)).toMatchObject({ ok: false, failure: { kind: 'BAD_KEY' } });
  });

  it('refuses checkpoint fields that disagree with the signed note', () => {
    const bundle = copy(bundleOf(MANDATE_EVENTS));
    bundle.checkpoint.treeSize = 13;
    expect(verifyEvidenceBundle(bundle)).toMatchObject({ ok: false, failure: { kind: 'BAD_CHECKPOINT', detail: expect.stringContaining('treeSize') } });
  });

  it('refuses a stream claimed complete with a revision left out', () => {
    expect(verifyEvidenceBundle(bundleOf([0, 3, 9]))).toMatchObject({ ok: false, failure: { kind: 'INCOMPLETE_STREAM', detail: expect.stringContaining('revision 2') } });
  });

  it('refuses events out of log order', () => {
    const bundle = copy(bundleOf(MANDATE_EVENTS));
    bundle.events.reverse();
    expect(verifyEvidenceBundle(bundle)).toMatchObject({ ok: false, failure: { kind: 'MALFORMED_BUNDLE', event: { index: 1 } } });
  });

  it.each<[string, (b: Record<string, unknown>) => void]>([
    ['another format', (b) => (b.format = 'something-else')],
    ['an unknown version', (b) => (b.version = 2)],
    ['an envelope with a member added', (b) => ((b.events as { envelope: Record<string, unknown> }[])[0].envelope.extra = 1)],
    ['a proof hash that is not hex', (b) => ((b.events as { inclusionProof: string[] }[])[0].inclusionProof[0] = 'zz')],
  ])('refuses %s as malformed', (_what, damage) => {
    const bundle = copy(bundleOf(MANDATE_EVENTS)) as unknown as Record<string, unknown>;
    damage(bundle);
    expect(verifyEvidenceBundle(bundle)).toMatchObject({ ok: false, failure: { kind: 'MALFORMED_BUNDLE' } });
  });

  it('refuses what is not a bundle without throwing', () => {
    expect(verifyEvidenceBundle(null)).toMatchObject({ ok: false, failure: { kind: 'MALFORMED_BUNDLE' } });
    expect(verifyEvidenceBundle([1, 2])).toMatchObject({ ok: false, failure: { kind: 'MALFORMED_BUNDLE' } });
  });
});

describe('the same verification with WebCrypto, as the web console runs it', () => {
  /** SHA-256 and Ed25519 from the WebCrypto API (Node's here, the browser's in the console). */
  const webCrypto: AsyncCrypto = {
    sha256: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data)),
    ed25519Verify: async (publicKey, message, signature) =>
      crypto.subtle.verify('Ed25519', await crypto.subtle.importKey('raw', publicKey, 'Ed25519', false, ['verify']), signature, message),
  };

  it('gives the verdict node:crypto gives, for a sound bundle and for each kind of tampering', async () => {
    const tampered = copy(bundleOf(MANDATE_EVENTS));
    (tampered.events[2].envelope.data as { showersPerWeek: number }).showersPerWeek = 7060;
    const badProof = copy(bundleOf(MANDATE_EVENTS));
    badProof.events[3].inclusionProof = badProof.events[3].inclusionProof.map((h, i) => (i === 1 ? flip(h, 10) : h));
    const badSignature = copy(bundleOf(MANDATE_EVENTS));
    const signatureAt = badSignature.checkpoint.note.lastIndexOf(' ') + 20;
    badSignature.checkpoint.note = flip(badSignature.checkpoint.note, signatureAt);
    for (const bundle of [bundleOf([...MANDATE_EVENTS, 10]), tampered, badProof, badSignature, bundleOf([0, 3, 9])]) {
      expect(await verifyEvidenceBundleAsync(bundle, webCrypto)).toEqual(verifyEvidenceBundle(bundle));
    }
    expect(await verifyEvidenceBundleAsync(tampered, webCrypto)).toMatchObject({ ok: false, failure: { kind: 'EVENT_NOT_PROVEN', event: { index: 2 } } });
  });
});
