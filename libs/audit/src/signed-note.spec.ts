import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyBytes,
  ed25519PublicKeyFromBytes,
  formatCheckpoint,
  formatVerifierKey,
  noteKeyId,
  parseCheckpoint,
  parseVerifierKey,
  signNote,
  SignedNoteError,
  verifyNote,
} from './signed-note';

// Published example of golang.org/x/mod/sumdb/note, note_test.go (BSD-3-Clause): the PeterNeumann
// and EnochRoot keys and notes of TestSign and TestOpen. The skey is PRIVATE+KEY+name+id+base64(0x01 ‖ seed).
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const peterSeed = Buffer.from(PETER_SKEY.replace('PRIVATE+KEY+PeterNeumann+c74f20a3+', ''), 'base64').subarray(1);
const peter = { name: 'PeterNeumann', privateKey: ed25519PrivateKeyFromSeed(peterSeed) };

const newSigner = (name: string) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signer: { name, privateKey }, verifier: { name, publicKey } };
};
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof SignedNoteError)) throw error;
    return error.code;
  }
};

describe('the Go sumdb/note published example', () => {
  it('signs the example text into exactly the published note', () => {
    expect(signNote(GO_TEXT, peter)).toBe(`${GO_TEXT}\n${PETER_SIG}`);
  });

  it('derives the published key ID and verifier key from the private key', () => {
    expect(noteKeyId('PeterNeumann', peter.privateKey).toString('hex')).toBe('c74f20a3');
    expect(formatVerifierKey({ name: 'PeterNeumann', publicKey: ed25519PublicKeyBytes(peter.privateKey) })).toBe(PETER_VKEY);
  });

  it('opens the published note with the published verifier key', () => {
    expect(verifyNote(`${GO_TEXT}\n${PETER_SIG}`, parseVerifierKey(PETER_VKEY))).toBe(GO_TEXT);
  });

  it('opens a note signed by two keys with either key, ignoring the other signature', () => {
    const note = `${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expect(verifyNote(note, parseVerifierKey(PETER_VKEY))).toBe(GO_TEXT);
    expect(verifyNote(note, parseVerifierKey(ENOCH_VKEY))).toBe(GO_TEXT);
  });

  it('refuses the note when the trusted signature was tampered with, as Go does', () => {
    const note = `${GO_TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(codeOf(() => verifyNote(note, parseVerifierKey(PETER_VKEY)))).toBe('INVALID_SIGNATURE');
  });

  it.each([
    ['no signature block', GO_TEXT],
    ['a blank line but no signature', `${GO_TEXT}\n`],
    ['a last line without newline', `${GO_TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['a control character', `\x01${GO_TEXT}\n${PETER_SIG}`],
    ['a key name with a space', `${GO_TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`],
    ['a line after the signatures that is not one', `${GO_TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['more than 100 signatures', `${GO_TEXT}\n${PETER_SIG.repeat(101)}`],
  ])('refuses a note with %s as malformed, as Go does', (_what, note) => {
    expect(codeOf(() => verifyNote(note, parseVerifierKey(PETER_VKEY)))).toBe('MALFORMED_NOTE');
  });

  it('refuses invalid UTF-8 bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(`${GO_TEXT}\n${PETER_SIG}`)]);
    expect(codeOf(() => verifyNote(bytes, parseVerifierKey(PETER_VKEY)))).toBe('MALFORMED_NOTE');
    expect(verifyNote(Buffer.from(`${GO_TEXT}\n${PETER_SIG}`), parseVerifierKey(PETER_VKEY))).toBe(GO_TEXT);
  });

  it.each([
    ['a truncated key', PETER_VKEY.slice(0, -1)],
    ['a wrong key ID', PETER_VKEY.replace('c74f20a3', 'c74f20a4')],
    ['a short key ID', PETER_VKEY.replace('c74f20a3', 'c74f20a')],
    ['a name with a plus', `Peter+${PETER_VKEY}`],
    ['an empty name', PETER_VKEY.replace('PeterNeumann', '')],
    ['a key of the wrong length, with a matching ID', 'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='],
    ['an unknown algorithm, with a matching ID', 'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
  ])('refuses a verifier key with %s', (_what, vkey) => {
    expect(codeOf(() => parseVerifierKey(vkey))).toBe('INVALID_KEY');
  });
});

describe('signed checkpoints', () => {
  const log = newSigner('mandate-ledger.example/audit');
  const checkpoint = { origin: 'mandate-ledger.example/audit', treeSize: 20852163, rootHash: Buffer.alloc(32, 7) };

  it('signs and verifies a checkpoint, giving back its fields', () => {
    const note = signNote(formatCheckpoint(checkpoint), log.signer);
    const body = verifyNote(note, log.verifier);
    expect(parseCheckpoint(body)).toEqual({ ...checkpoint, extensions: [] });
  });

  it('writes the signature line with an em dash, the key name and base64(key ID ‖ signature)', () => {
    const note = signNote(formatCheckpoint(checkpoint), log.signer);
    const [, line] = note.split('\n\n');
    expect(Buffer.from(line).subarray(0, 4)).toEqual(Buffer.from([0xe2, 0x80, 0x94, 0x20]));
    const signature = Buffer.from(line.trimEnd().split(' ')[2], 'base64');
    expect(signature).toHaveLength(68);
    expect(signature.subarray(0, 4)).toEqual(noteKeyId(log.verifier.name, log.verifier.publicKey));
  });

  it('formats the body of the tlog-checkpoint example as the spec prints it', () => {
    const rootHash = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');
    expect(formatCheckpoint({ origin: 'example.com/behind-the-sofa', treeSize: 20852163n, rootHash })).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
  });

  it('keeps extension lines, such as the time of signing, inside the signed text', () => {
    const body = formatCheckpoint({ ...checkpoint, extensions: ['time 2026-03-01T12:00:00Z'] });
    expect(parseCheckpoint(verifyNote(signNote(body, log.signer), log.verifier)).extensions).toEqual(['time 2026-03-01T12:00:00Z']);
  });

  it('fails when a single character of the body changes', () => {
    const note = signNote(formatCheckpoint(checkpoint), log.signer).replace('20852163', '20852164');
    expect(codeOf(() => verifyNote(note, log.verifier))).toBe('INVALID_SIGNATURE');
  });

  it('fails with another key of the same name', () => {
    const impostor = newSigner(log.signer.name);
    expect(codeOf(() => verifyNote(signNote(formatCheckpoint(checkpoint), impostor.signer), log.verifier))).toBe('NO_TRUSTED_SIGNATURE');
  });

  it('fails when the trusted key is under another name', () => {
    const note = signNote(formatCheckpoint(checkpoint), log.signer);
    expect(codeOf(() => verifyNote(note, { ...log.verifier, name: 'other.example/audit' }))).toBe('NO_TRUSTED_SIGNATURE');
  });

  it('verifies with the right key among extra signatures from unknown keys', () => {
    const body = formatCheckpoint(checkpoint);
    const witness = newSigner('witness.example/w1');
    const signatureOf = (signer: { name: string; privateKey: KeyObject }) => signNote(body, signer).slice(body.length + 1);
    const note = `${body}\n${signatureOf(witness.signer)}${signatureOf(log.signer)}${PETER_SIG}`;
    expect(verifyNote(note, log.verifier)).toBe(body);
    expect(verifyNote(note, witness.verifier)).toBe(body);
  });

  it('refuses the note if any signature claiming the trusted key fails, even beside a good one', () => {
    const note = signNote(formatCheckpoint(checkpoint), log.signer);
    const line = note.slice(note.lastIndexOf('\n\n') + 2);
    const forged = line.replace(/.{6}=?\n$/, (end) => `${end[0] === 'A' ? 'B' : 'A'}${end.slice(1)}`);
    expect(codeOf(() => verifyNote(`${note}${forged}`, log.verifier))).toBe('INVALID_SIGNATURE');
  });

  it('accepts the public key as raw bytes or as a key object, and a vkey round trip', () => {
    const note = signNote(formatCheckpoint(checkpoint), log.signer);
    const raw = ed25519PublicKeyBytes(log.verifier.publicKey);
    expect(raw).toHaveLength(32);
    expect(verifyNote(note, { name: log.verifier.name, publicKey: raw })).toBe(formatCheckpoint(checkpoint));
    expect(verifyNote(note, { name: log.verifier.name, publicKey: ed25519PublicKeyFromBytes(raw) })).toBe(formatCheckpoint(checkpoint));
    expect(verifyNote(note, parseVerifierKey(formatVerifierKey(log.verifier)))).toBe(formatCheckpoint(checkpoint));
  });

  it('round-trips verifier keys whose base64 holds + and /', () => {
    const keys = Array.from({ length: 64 }, (_, i) => ed25519PublicKeyBytes(ed25519PrivateKeyFromSeed(Buffer.alloc(32, i))));
    const vkeys = keys.map((publicKey) => formatVerifierKey({ name: 'log.example', publicKey }));
    expect(vkeys.some((vkey) => vkey.split('+').length > 3)).toBe(true);
    vkeys.forEach((vkey, i) => expect(parseVerifierKey(vkey).publicKey).toEqual(keys[i]));
  });

  it.each([
    ['a body without final newline', 'example\n1\nroot', 'MALFORMED_NOTE'],
    ['a body with a control character', 'exa\tmple\n', 'MALFORMED_NOTE'],
  ])('refuses to sign %s', (_what, body, code) => {
    expect(codeOf(() => signNote(body, log.signer))).toBe(code);
  });

  it.each(['', 'two words', 'plus+sign', 'no\u00a0break'])('refuses to sign under the key name %j', (name) => {
    expect(codeOf(() => signNote('body\n', { ...log.signer, name }))).toBe('INVALID_KEY');
  });

  it.each([
    ['an empty origin', { ...checkpoint, origin: '' }],
    ['an origin on two lines', { ...checkpoint, origin: 'a\nb' }],
    ['a negative size', { ...checkpoint, treeSize: -1 }],
    ['a short root hash', { ...checkpoint, rootHash: Buffer.alloc(31) }],
    ['an empty extension line', { ...checkpoint, extensions: [''] }],
  ])('refuses to format a checkpoint with %s', (_what, value) => {
    expect(codeOf(() => formatCheckpoint(value))).toBe('MALFORMED_CHECKPOINT');
  });

  it.each([
    ['two lines', 'origin\n5\n'],
    ['no final newline', `origin\n5\n${Buffer.alloc(32).toString('base64')}`],
    ['a size with a leading zero', `origin\n05\n${Buffer.alloc(32).toString('base64')}\n`],
    ['a size past 2^53', `origin\n9007199254740993\n${Buffer.alloc(32).toString('base64')}\n`],
    ['a root of 31 bytes', `origin\n5\n${Buffer.alloc(31).toString('base64')}\n`],
    ['a root that is not base64', 'origin\n5\nnot base64!\n'],
  ])('refuses to parse a checkpoint with %s', (_what, body) => {
    expect(codeOf(() => parseCheckpoint(body))).toBe('MALFORMED_CHECKPOINT');
  });
});
