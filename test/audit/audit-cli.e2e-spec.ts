import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpoint, parseVerifierKey } from '@mandate-ledger/audit';
import { runEvidence } from '../../apps/cli/src/evidence.command';
import { runCheckpoint } from '../../apps/cli/src/evidence-checkpoint.command';
import { runVerify } from '../../apps/cli/src/verify.command';
import { runVerifyBundle } from '../../apps/cli/src/verify-bundle.command';
import { startApi, type TestApi } from '../support/api';
import { grantBody, laVieActive } from '../support/calais-bodies';
import { captureConsoleText } from '../support/console';

// checkpoint, evidence, verify-bundle and verify, run as the CLI runs them (same environment as the
// server), on the SQLite file of a server that keeps running.

const root = join(__dirname, '..', '..');

const run = captureConsoleText;

describe('npm run cli -- checkpoint | evidence | verify-bundle | verify', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let api: TestApi;
  let mandateId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ml-audit-cli-'));
    env = { DATA_DIR: dataDir };
    api = await startApi({ ...env, AUDIT_CHECKPOINT_INTERVAL_MS: '0', AUDIT_SEAL_INTERVAL_MS: '0' });
    const officer = api.bearer({ sub: 'agent-62', role: 'officer', departements: ['62'] });
    const operatorId = (await api.http.post('/operators').set('Authorization', officer).send(laVieActive).expect(201)).body.id;
    mandateId = (await api.http.post('/mandates').set('Authorization', officer).send(grantBody(operatorId)).expect(201)).body.id;
    await api.http.post(`/operators`).set('Authorization', officer).send({ ...laVieActive, name: 'AUDASSE' }).expect(201);
    await api.http
      .post(`/mandates/${mandateId}/suspensions`)
      .set('Authorization', officer)
      .send({ effectiveFrom: '2017-09-01', reason: 'Inspection', decisionReference: 'AP-2017-0901' })
      .expect((response) => expect(response.status).toBeLessThan(300));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs a checkpoint whose note the published key verifies, and verify accepts the log and that note kept outside', async () => {
    const note = join(dataDir, 'published.note');
    const signed = await run(() => runCheckpoint(['--out', note], env));
    expect(signed).toMatchObject({ code: 0, err: expect.stringContaining('signed the checkpoint of mandate-ledger/local at tree size 4') });
    const vkey = (await api.http.get('/audit/public-key').expect(200)).body.vkey;
    expect(openCheckpoint(readFileSync(note, 'utf8'), parseVerifierKey(vkey)).treeSize).toBe(4);

    const verified = await run(() => runVerify(['--checkpoint', note], env));
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('4 events match the 4 sealed leaves');
    expect(verified.out).toContain('the log extends the 1 checkpoints held outside the database');
  });

  it('writes an evidence bundle of the mandate that verify-bundle accepts offline, with the published key', async () => {
    const file = join(dataDir, 'mandate.json');
    const made = await run(() => runEvidence(['--mandate', mandateId.toUpperCase(), '--out', file], env));
    expect(made).toMatchObject({ code: 0, err: expect.stringContaining('2 events proven') });
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    expect(bundle.events.map((e: { envelope: { type: string } }) => e.envelope.type)).toEqual(['MandateGranted', 'MandateSuspended']);

    const vkey = (await api.http.get('/audit/public-key?format=vkey').expect(200)).text;
    const verified = await run(() => runVerifyBundle([file, '--key', vkey.trim()]));
    expect(verified).toMatchObject({ code: 0, out: expect.stringContaining(`2 events of mandate ${mandateId}`) });
  });

  it('names the first failing event of a tampered bundle, and exits 1', async () => {
    const bundle = JSON.parse(readFileSync(join(dataDir, 'mandate.json'), 'utf8'));
    bundle.events[1].envelope.data.reason = 'Inspection.';
    const file = join(dataDir, 'tampered.json');
    writeFileSync(file, JSON.stringify(bundle));
    const refused = await run(() => runVerifyBundle([file]));
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/^✗ EVENT_NOT_PROVEN: .*event 1 \(position \d+, leaf 3, MandateSuspended/) });
  });

  it('checks a bundle from the command line with no database configured', () => {
    const cli = (file: string) =>
      spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/cli/src/main.ts', 'verify-bundle', file], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json'), EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
        timeout: 60_000,
      });
    const good = cli(join(dataDir, 'mandate.json'));
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('are in the log mandate-ledger/local');
    const bad = cli(join(dataDir, 'tampered.json'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('EVENT_NOT_PROVEN');
  }, 120_000);

  it('refuses an unknown mandate and wrong arguments', async () => {
    expect(await run(() => runEvidence(['--mandate', '00000000-0000-4000-8000-000000000000'], env))).toMatchObject({ code: 1, err: expect.stringContaining('no mandate') });
    expect((await run(() => runEvidence([], env))).code).toBe(2);
    expect((await run(() => runVerify(['--checkpoints', 'x'], env))).code).toBe(2);
    expect((await run(() => runVerifyBundle([]))).code).toBe(2);
  });

  it('exits 1 naming the position of an event changed in the database behind the server', async () => {
    const db = new Database(join(dataDir, 'mandate-ledger.db'));
    try {
      const position = db.prepare("SELECT position FROM events WHERE type = 'MandateSuspended'").pluck().get() as number;
      db.exec('DROP TRIGGER events_no_update');
      db.prepare("UPDATE events SET data = replace(data, 'Inspection', 'Inspectio') WHERE position = ?").run(position);
      const refused = await run(() => runVerify([], env));
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(new RegExp(`^✗ LEAF_MISMATCH at position ${position}, leaf 3: `));
    } finally {
      db.close();
    }
  });
});
