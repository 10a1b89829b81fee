import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheckpoint } from '../../apps/cli/src/evidence-checkpoint.command';
import { runVerify } from '../../apps/cli/src/verify.command';
import { runWitness } from '../../apps/cli/src/witness.command';
import { startApi, type TestApi } from '../support/api';
import { grantBody, laVieActive } from '../support/calais-bodies';
import { spawnTs } from '../support/child-process';
import { captureConsoleText as run } from '../support/console';

// A witness run beside the server on the same data folder, then an insider who deletes the newest
// events with their leaves, seals and checkpoints: `verify` alone passes, `verify` with the witness does not.

const GUARDED = ['events', 'audit_leaves', 'audit_nodes', 'audit_seals', 'audit_checkpoints'];

describe('npm run cli -- witness | verify --witness-key', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let api: TestApi;
  let officer: string;
  let operatorId: string;
  let witnessArgs: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ml-witness-cli-'));
    env = { DATA_DIR: join(dir, 'data') };
    witnessArgs = ['--key', join(dir, 'witness.pem'), '--state', join(dir, 'witness-state.json'), '--name', 'witness.example/w1'];
    api = await startApi({ ...env, AUDIT_CHECKPOINT_INTERVAL_MS: '0', AUDIT_SEAL_INTERVAL_MS: '0' });
    officer = api.bearer({ sub: 'agent-62', role: 'officer', departements: ['62'] });
    operatorId = (await api.http.post('/operators').set('Authorization', officer).send(laVieActive).expect(201)).body.id;
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const grant = async (count: number) => {
    for (let i = 0; i < count; i++) await api.http.post('/mandates').set('Authorization', officer).send(grantBody(operatorId)).expect(201);
  };

  it('cosigns each checkpoint consistent with the last, and verify with its key accepts the log', async () => {
    await grant(3);
    expect((await run(() => runCheckpoint([], env))).code).toBe(0);
    expect(await run(() => runWitness(['cosign', ...witnessArgs], env))).toMatchObject({ code: 0, err: expect.stringContaining('cosigned the checkpoint of mandate-ledger/local at size 4') });
    await grant(3);
    expect((await run(() => runCheckpoint([], env))).code).toBe(0);
    expect(await run(() => runWitness(['cosign', ...witnessArgs], env))).toMatchObject({ code: 0, err: expect.stringContaining('at size 7, consistent with size 4') });

    const vkey = (await run(() => runWitness(['key', ...witnessArgs.slice(0, 2), '--name', 'witness.example/w1'], env))).out.trim();
    const verified = await run(() => runVerify(['--checkpoint', join(dir, 'witness-state.json'), '--witness-key', vkey], env));
    expect(verified).toMatchObject({ code: 0, out: expect.stringContaining('the log extends the 1 checkpoints held outside the database, cosigned by the witness') });
    expect(await run(() => runVerify(['--witness-key', vkey], env))).toMatchObject({ code: 2 });
  });

  it('answers C2SP add-checkpoint over HTTP: a cosignature, then 409 with its size for a stale old size', async () => {
    const child = spawnTs('apps/cli/src/main.ts', ['witness', 'serve', '--port', '0', '--key', join(dir, 'witness.pem'), '--state', join(dir, 'http-state.json'), '--name', 'witness.example/w1'], env);
    try {
      const port = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString();
          const found = /listening on port (\d+)/.exec(err)?.[1];
          if (found) resolve(found);
        });
        child.once('exit', () => reject(new Error(err)));
      });
      const note = (await api.http.get('/audit/checkpoint').set('Authorization', officer).expect(200)).body.note as string;
      const add = (old: number) => fetch(`http://127.0.0.1:${port}/add-checkpoint`, { method: 'POST', body: `old ${old}\n\n${note}` });
      const first = await add(0);
      expect(first.status).toBe(200);
      expect(await first.text()).toMatch(/^\u2014 witness\.example\/w1 [A-Za-z0-9+/=]+\n$/);
      const stale = await add(0);
      expect([stale.status, stale.headers.get('content-type'), await stale.text()]).toEqual([409, 'text/x.tlog.size', '7\n']);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('catches the newest events deleted with their leaves, seals and checkpoints, naming the size the witness cosigned', async () => {
    const vkey = (await run(() => runWitness(['key', ...witnessArgs.slice(0, 2), '--name', 'witness.example/w1'], env))).out.trim();
    const db = new Database(join(dir, 'data', 'mandate-ledger.db'));
    try {
      for (const table of GUARDED) db.exec(`DROP TRIGGER IF EXISTS ${table}_no_update; DROP TRIGGER IF EXISTS ${table}_no_delete;`);
      const [{ position }] = db.prepare('SELECT position FROM events ORDER BY position LIMIT 1 OFFSET 3').all() as { position: number }[];
      db.prepare('DELETE FROM events WHERE position > ?').run(position);
      db.exec('DELETE FROM audit_leaves WHERE leaf_index >= 4; DELETE FROM audit_nodes WHERE (idx + 1) * (1 << level) > 4;');
      db.exec('DELETE FROM audit_seals WHERE tree_size > 4; DELETE FROM audit_checkpoints WHERE tree_size > 4;');
    } finally {
      db.close();
    }
    expect((await run(() => runVerify([], env))).code).toBe(0);
    const caught = await run(() => runVerify(['--checkpoint', join(dir, 'witness-state.json'), '--witness-key', vkey], env));
    expect(caught.code).toBe(1);
    expect(caught.err).toContain('✗ ROLLBACK');
    expect(caught.err).toContain('checkpoint of size 7');
    expect(caught.err).toContain('The log holds 4 events, fewer than the checkpoint of size 7 cosigned by the witness witness.example/w1');

    // The server appends and signs on: the witness refuses the shorter or rewritten tree.
    await grant(5);
    expect((await run(() => runCheckpoint([], env))).code).toBe(0);
    const refused = await run(() => runWitness(['cosign', ...witnessArgs], env));
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('refuses the checkpoint of mandate-ledger/local at size 9 (422)') });
    expect(JSON.parse(readFileSync(join(dir, 'witness-state.json'), 'utf8')).logs['mandate-ledger/local'].treeSize).toBe(7);
  });
});
