import { createPublicKey } from 'node:crypto';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@mandate-ledger/event-store';
import { ed25519PublicKeyBytes, eventLeafHash, openCheckpoint, parseVerifierKey, verifyConsistency, verifyInclusion } from '@mandate-ledger/audit';
import { AuditRuntime } from '../../apps/api/src/audit/audit-runtime';
import { startApi, type TestApi } from '../support/api';

// The verification endpoints of DESIGN §4–5 over real HTTP, on the embedded SQLite default.

const operator = (name: string) => ({
  name,
  legalForm: 'association',
  siren: '732829320',
  siret: '73282932000074',
  rna: 'W621000001',
  departements: ['62'],
  languages: ['ar'],
  salariedFte: 12,
});

const hashes = (hexes: string[]) => hexes.map((h) => Buffer.from(h, 'hex'));

describe('verification endpoints over HTTP', () => {
  let api: TestApi;
  let admin: string;
  let auditor: string;
  let operatorToken: string;
  let vkey: string;
  const register = async (name: string): Promise<bigint> =>
    BigInt((await api.http.post('/operators').set('Authorization', admin).send(operator(name)).expect(201)).body.position);
  const eventAt = async (position: bigint): Promise<StoredEvent> =>
    (await api.app.get<symbol, EventStore>(EVENT_STORE).readAll({ after: position - 1n, maxCount: 1 }))[0];
  const checkpointNow = async () => (await api.http.post('/audit/checkpoints').set('Authorization', admin).expect(201)).body;

  beforeAll(async () => {
    // No timers: checkpoints are made on demand, so every size below is known.
    api = await startApi({ AUDIT_CHECKPOINT_INTERVAL_MS: '0', AUDIT_SEAL_INTERVAL_MS: '0' });
    admin = api.bearer({ sub: 'admin-1', role: 'admin' });
    auditor = api.bearer({ sub: 'cour-des-comptes', role: 'auditor' });
    operatorToken = api.bearer({ sub: 'lva', role: 'operator', operatorId: '00000000-0000-4000-8000-000000000001' });
    vkey = (await api.http.get('/audit/public-key').expect(200)).body.vkey;
  });
  afterAll(() => api.close());

  it('serves the public key without a token: as JSON with the vkey, raw base64 and PEM, or each alone as text', async () => {
    const json = (await api.http.get('/audit/public-key').expect(200)).body;
    expect(json.origin).toBe('mandate-ledger/local');
    const parsed = parseVerifierKey(json.vkey);
    expect(parsed.name).toBe('mandate-ledger/local');
    expect(Buffer.from(json.publicKeyBase64, 'base64')).toEqual(parsed.publicKey);
    expect(ed25519PublicKeyBytes(createPublicKey(json.publicKeyPem))).toEqual(parsed.publicKey);

    const text = await api.http.get('/audit/public-key?format=vkey').expect(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.text).toBe(`${json.vkey}\n`);
    expect((await api.http.get('/audit/public-key?format=pem').expect(200)).text).toBe(json.publicKeyPem);
    expect((await api.http.get('/audit/public-key?format=jwk').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('answers CHECKPOINT_NOT_FOUND before the first checkpoint, and LOG_EMPTY to a checkpoint of nothing', async () => {
    const none = await api.http.get('/audit/checkpoint').set('Authorization', auditor).expect(404);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.body.code).toBe('CHECKPOINT_NOT_FOUND');
    expect((await api.http.post('/audit/checkpoints').set('Authorization', admin).expect(409)).body.code).toBe('LOG_EMPTY');
  });

  it('asks a token for everything but the key, and lets only admins sign on demand', async () => {
    await api.http.get('/audit/checkpoint').expect(401);
    await api.http.get('/audit/proofs/1').expect(401);
    await api.http.get('/audit/consistency?from=1&to=2').expect(401);
    expect((await api.http.post('/audit/checkpoints').set('Authorization', auditor).expect(403)).body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('signs a checkpoint on demand, and answers 200 with it while the log has not grown', async () => {
    await register('La Vie Active');
    await register('AUDASSE');
    const made = await checkpointNow();
    expect(made).toMatchObject({ created: true, checkpoint: { origin: 'mandate-ledger/local', treeSize: 2 } });
    const again = await api.http.post('/audit/checkpoints').set('Authorization', admin).expect(200);
    expect(again.body).toEqual({ created: false, checkpoint: made.checkpoint });
  });

  it('serves the latest checkpoint to any role; its note verifies with the public key and states its fields', async () => {
    const { body } = await api.http.get('/audit/checkpoint').set('Authorization', operatorToken).expect(200);
    const opened = openCheckpoint(body.note, parseVerifierKey(vkey));
    expect(body).toEqual({
      origin: opened.origin,
      treeSize: opened.treeSize,
      rootHash: opened.rootHash.toString('hex'),
      signedAt: opened.signedAt,
      note: body.note,
    });
  });

  it('proves an event written over HTTP included in the latest checkpoint', async () => {
    const position = await register('France terre d’asile');
    const { checkpoint } = await checkpointNow();
    const { body } = await api.http.get(`/audit/proofs/${position}`).set('Authorization', auditor).expect(200);
    expect(body).toMatchObject({ position: String(position), leafIndex: 2, treeSize: checkpoint.treeSize, checkpoint });
    expect(body.leafHash).toBe(eventLeafHash(await eventAt(position)).toString('hex'));
    const root = openCheckpoint(body.checkpoint.note, parseVerifierKey(vkey)).rootHash;
    expect(() => verifyInclusion(body.leafIndex, body.treeSize, Buffer.from(body.leafHash, 'hex'), hashes(body.auditPath), root)).not.toThrow();
  });

  it('proves an event against an older stored checkpoint given by treeSize', async () => {
    const position = (await api.http.get('/audit/proofs/1?treeSize=2').set('Authorization', auditor).expect(200)).body;
    expect(position).toMatchObject({ leafIndex: 0, treeSize: 2, checkpoint: { treeSize: 2 } });
    const root = Buffer.from(position.checkpoint.rootHash, 'hex');
    expect(() => verifyInclusion(0, 2, Buffer.from(position.leafHash, 'hex'), hashes(position.auditPath), root)).not.toThrow();
  });

  it('refuses what it cannot prove, each with its code', async () => {
    const unsealed = await register('Salam');
    const problem = async (path: string, status: number) => (await api.http.get(path).set('Authorization', auditor).expect(status)).body.code;
    expect(await problem(`/audit/proofs/${unsealed}`, 404)).toBe('POSITION_NOT_SEALED');
    await api.app.get(AuditRuntime).sealer.sealAvailable();
    expect(await problem(`/audit/proofs/${unsealed}`, 404)).toBe('POSITION_NOT_IN_CHECKPOINT');
    expect(await problem('/audit/proofs/0', 404)).toBe('POSITION_NOT_FOUND');
    expect(await problem('/audit/proofs/1?treeSize=99', 404)).toBe('CHECKPOINT_NOT_FOUND');
    expect(await problem('/audit/proofs/first', 400)).toBe('VALIDATION_FAILED');
    expect(await problem('/audit/proofs/9223372036854775808', 400)).toBe('VALIDATION_FAILED');
    expect(await problem('/audit/proofs/1?treeSize=0', 400)).toBe('VALIDATION_FAILED');
  });

  it('proves two stored checkpoints consistent, and refuses sizes it holds no checkpoint for', async () => {
    const { checkpoint: latest } = await checkpointNow();
    const { body } = await api.http.get(`/audit/consistency?from=2&to=${latest.treeSize}`).set('Authorization', auditor).expect(200);
    expect(body).toMatchObject({ from: 2, to: latest.treeSize, toCheckpoint: latest });
    const root = (note: string) => openCheckpoint(note, parseVerifierKey(vkey)).rootHash;
    expect(() => verifyConsistency(2, latest.treeSize, hashes(body.proof), root(body.fromCheckpoint.note), root(body.toCheckpoint.note))).not.toThrow();

    const problem = async (query: string, status: number) => (await api.http.get(`/audit/consistency${query}`).set('Authorization', auditor).expect(status)).body.code;
    expect(await problem(`?from=${latest.treeSize}&to=2`, 400)).toBe('INVALID_RANGE');
    expect(await problem('?from=2&to=999', 404)).toBe('CHECKPOINT_NOT_FOUND');
    expect(await problem('?from=2', 400)).toBe('VALIDATION_FAILED');
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const { body } = await api.http.get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/audit/public-key', '/audit/checkpoint', '/audit/checkpoints', '/audit/proofs/{position}', '/audit/consistency']),
    );
  });
});

describe('the checkpoint timer', () => {
  it('signs a checkpoint by itself once the log grew, and stops with the server', async () => {
    const api = await startApi({ AUDIT_CHECKPOINT_INTERVAL_MS: '5', AUDIT_SEAL_INTERVAL_MS: '5' });
    try {
      const admin = api.bearer({ sub: 'admin-1', role: 'admin' });
      await api.http.post('/operators').set('Authorization', admin).send(operator('La Vie Active')).expect(201);
      await api.http.post('/operators').set('Authorization', admin).send(operator('AUDASSE')).expect(201);
      const checkpoint = await api.app.get(AuditRuntime).checkpointCovering(2);
      expect(checkpoint.treeSize).toBe(2);
    } finally {
      await api.close();
    }
  });
});
