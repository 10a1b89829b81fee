import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signCheckpoint } from './checkpoint-note';
import { cosignedAt, formatCosignerKey, parseCosignerKey } from './cosignature';
import { consistencyProof, leafHash, nodeReaderFromLeaves, rootAt } from './merkle-tree';
import { ed25519PublicKeyBytes, splitNote } from './signed-note';
import { type AddCheckpointRequest, FileWitnessState, formatAddCheckpoint, parseAddCheckpoint, Witness, WitnessError } from './witness';

const ORIGIN = 'mandate-ledger/witness-spec';
const logKey = { name: ORIGIN, privateKey: generateKeyPairSync('ed25519').privateKey };
const logVerifier = { name: ORIGIN, publicKey: logKey.privateKey };
const witnessKey = { name: 'witness.example/w1', privateKey: generateKeyPairSync('ed25519').privateKey };

const leaves = (count: number, fork = '') => Array.from({ length: count }, (_, i) => leafHash(Buffer.from(`event ${i}${i >= 5 ? fork : ''}`)));
/** The signed checkpoint of the first `size` leaves of `log`. */
const checkpointOf = (log: Buffer[], size: number, key = logKey) => signCheckpoint(size, rootAt(size, nodeReaderFromLeaves(log.slice(0, size))), '2017-10-01T00:00:00.000Z', key);
const request = (log: Buffer[], oldSize: number, size: number): AddCheckpointRequest => ({
  oldSize,
  proof: oldSize > 0 && oldSize < size ? consistencyProof(oldSize, size, nodeReaderFromLeaves(log.slice(0, size))) : [],
  checkpoint: checkpointOf(log, size),
});
const refusal = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: WitnessError) => ({ status: error.status, latestSize: error.latestSize }),
  );

describe('a witness (C2SP tlog-witness)', () => {
  let dir: string;
  let witness: Witness;
  const log = leaves(40);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ml-witness-'));
    witness = new Witness(witnessKey, [logVerifier], new FileWitnessState(join(dir, 'state.json'), formatCosignerKey(witnessKey.name, witnessKey.privateKey)), () => new Date('2017-10-01T00:00:07Z'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('cosigns the first checkpoint of a log and remembers it', async () => {
    const line = await witness.addCheckpoint(request(log, 0, 10));
    const note = `${checkpointOf(log, 10)}${line}`;
    expect(cosignedAt(note, parseCosignerKey(witness.vkey))).toBe(Date.parse('2017-10-01T00:00:07Z') / 1000);
    expect(await witness.state.latest(ORIGIN)).toMatchObject({ treeSize: 10, cosignedAt: '2017-10-01T00:00:07.000Z', note });
  });

  it('signs what C2SP tlog-cosignature says: key ID with type 0x04, a big-endian timestamp, Ed25519 over cosignature/v1, time and the body', async () => {
    const line = await witness.addCheckpoint(request(log, 0, 10));
    const [, name, encoded] = /^\u2014 (\S+) (\S+)\n$/.exec(line)!;
    const bytes = Buffer.from(encoded, 'base64');
    const publicKey = ed25519PublicKeyBytes(witnessKey.privateKey);
    expect(name).toBe('witness.example/w1');
    expect(bytes.subarray(0, 4)).toEqual(createHash('sha256').update(`${name}\n`).update(Uint8Array.of(0x04)).update(publicKey).digest().subarray(0, 4));
    expect(bytes.readBigUInt64BE(4)).toBe(1506816007n);
    const message = `cosignature/v1\ntime 1506816007\n${splitNote(checkpointOf(log, 10)).body}`;
    expect(verify(null, Buffer.from(message), witnessKey.privateKey, bytes.subarray(12))).toBe(true);
    expect(witness.vkey).toMatch(/^witness\.example\/w1\+[0-9a-f]{8}\+/);
    expect(Buffer.from(witness.vkey.split('+')[2], 'base64')[0]).toBe(0x04);
  });

  it('cosigns a larger checkpoint that its consistency proof extends from the one it cosigned', async () => {
    await witness.addCheckpoint(request(log, 0, 10));
    await witness.addCheckpoint(request(log, 10, 33));
    await witness.addCheckpoint(request(log, 33, 33));
    expect((await witness.state.latest(ORIGIN))?.treeSize).toBe(33);
  });

  it('refuses a checkpoint smaller than the one it cosigned: the tree only grows', async () => {
    await witness.addCheckpoint(request(log, 0, 30));
    expect(await refusal(witness.addCheckpoint(request(log, 30, 20)))).toEqual({ status: 400, latestSize: undefined });
    expect(await refusal(witness.addCheckpoint(request(log, 0, 20)))).toEqual({ status: 409, latestSize: 30 });
    expect((await witness.state.latest(ORIGIN))?.treeSize).toBe(30);
  });

  it('refuses a fork: a rewritten tree past the size it cosigned, or another root at that size', async () => {
    await witness.addCheckpoint(request(log, 0, 20));
    const forked = leaves(40, ' rewritten');
    const proof = consistencyProof(20, 30, nodeReaderFromLeaves(forked.slice(0, 30)));
    expect(await refusal(witness.addCheckpoint({ oldSize: 20, proof, checkpoint: checkpointOf(forked, 30) }))).toEqual({ status: 422, latestSize: 20 });
    expect(await refusal(witness.addCheckpoint(request(forked, 20, 20)))).toEqual({ status: 409, latestSize: 20 });
    expect((await witness.state.latest(ORIGIN))?.treeSize).toBe(20);
  });

  it('refuses a log it does not witness (404) and a checkpoint not signed by the log key it trusts (403)', async () => {
    const stranger = { name: ORIGIN, privateKey: generateKeyPairSync('ed25519').privateKey };
    expect(await refusal(witness.addCheckpoint({ oldSize: 0, proof: [], checkpoint: checkpointOf(log, 5, stranger) }))).toEqual({ status: 403, latestSize: undefined });
    const other = { name: 'mandate-ledger/elsewhere', privateKey: logKey.privateKey };
    expect(await refusal(witness.addCheckpoint({ oldSize: 0, proof: [], checkpoint: checkpointOf(log, 5, other) }))).toEqual({ status: 404, latestSize: undefined });
  });

  it('reads back the add-checkpoint body it is sent, and refuses a malformed one', async () => {
    const sent = request(log, 10, 33);
    expect(parseAddCheckpoint(formatAddCheckpoint(sent))).toEqual(sent);
    expect(formatAddCheckpoint(request(log, 0, 10))).toMatch(/^old 0\n\nmandate-ledger\/witness-spec\n10\n/);
    expect(() => parseAddCheckpoint('old 010\n\nx')).toThrow(WitnessError);
    expect(() => parseAddCheckpoint('old 1\nnot base64!\n\nx')).toThrow(WitnessError);
  });

  it('keeps its state in a file of its own key, and serialises concurrent submissions of the same size', async () => {
    const answers = await Promise.allSettled([witness.addCheckpoint(request(log, 0, 10)), witness.addCheckpoint(request(log, 0, 12))]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected']);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    expect(state).toMatchObject({ format: 'mandate-ledger/witness-state', version: 1, witness: witness.vkey, logs: { [ORIGIN]: { treeSize: 10 } } });
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    expect(() => new FileWitnessState(join(dir, 'state.json'), formatCosignerKey('witness.example/w2', otherKey))).toThrow(/state of the witness/);
  });
});
