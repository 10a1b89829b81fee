import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { APPLICATION_PROJECTIONS } from '@mandate-ledger/projections';
import { SqliteReadStore } from '../../libs/projections/src/read-store/sqlite.read-store';
import { runCli } from '../replicas/support/cli';
import { WriteLoad } from '../replicas/support/write-load';
import { bearerFor, sharedSecrets, startApiProcess, waitFor200 } from '../support/api-process';
import { expectReadModelsOfACleanRebuild, expectSameRows, readModelsAtHead, wholeLog } from '../support/read-models';

// The server runs and takes writes while `backup` copies its store; `restore` puts the copy in
// another folder, where `verify` passes and the read models are those of the log restored.

const LOG = 'mandate-ledger.db';
const READ_MODELS = 'mandate-ledger-read-models.db';

describe('backup and restore of the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-backup-'));
  const folder = (name: string) => join(dir, name);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up while writes go on; the restored copy verifies, holds every write acknowledged before, and its read models equal a rebuild of it and, backed up quiet, the original row by row', async () => {
    const secrets = sharedSecrets();
    const env = { ...secrets, DATA_DIR: folder('original') };
    const api = await startApiProcess({ ...env, AUDIT_SEAL_INTERVAL_MS: '100', AUDIT_CHECKPOINT_INTERVAL_MS: '300' });
    const restoredApi: { kill: (signal: NodeJS.Signals) => Promise<unknown> }[] = [];
    try {
      await waitFor200(api.url, '/health/ready');
      const load = new WriteLoad(bearerFor(secrets.AUTH_JWT_SECRET, { sub: 'admin-1', role: 'admin' }));
      await load.registerOperator(api.url);
      const writing = new AbortController();
      const writes = load.run(() => [api.url], writing.signal, 3);
      await load.acknowledgedBy([api.url], 40);

      const before = load.acks.length;
      const backup = await runCli(['backup', '--out', folder('under-writes.tar.gz')], env);
      expect(backup).toMatchObject({ code: 0, output: expect.stringMatching(/backup: log: 100% .*\n[^]*backed up \d+ events/) });
      await load.acknowledgedBy([api.url], 20);
      writing.abort();
      await writes;
      expect(statSync(folder('under-writes.tar.gz')).mode & 0o777).toBe(0o600);

      // Into another folder: verify passes on it.
      const restoredEnv = { ...secrets, DATA_DIR: folder('restored') };
      expect(await runCli(['restore', folder('under-writes.tar.gz')], restoredEnv)).toMatchObject({ code: 0 });
      expect(await runCli(['restore', folder('under-writes.tar.gz')], restoredEnv)).toMatchObject({ code: 1, output: expect.stringContaining('not empty') });
      expect(await runCli(['verify'], restoredEnv)).toMatchObject({ code: 0, output: expect.stringContaining('stored checkpoints: signatures, roots and consistency') });

      const original = SqliteEventStore.open({ path: join(folder('original'), LOG) });
      const restored = SqliteEventStore.open({ path: join(folder('restored'), LOG) });
      const originalLive = SqliteReadStore.open({ path: join(folder('original'), READ_MODELS) });
      try {
        // The restored log is the original's up to the moment of the backup: every write acknowledged before it, event for event.
        const [originalLog, restoredLog] = [await wholeLog(original), await wholeLog(restored)];
        expect(restoredLog.length).toBeGreaterThan(0);
        expect(restoredLog).toEqual(originalLog.slice(0, restoredLog.length));
        const restoredAt = new Map(restoredLog.map((event) => [event.position, `${event.stream}@${event.revision}`]));
        for (const ack of load.acks.slice(0, before)) expect({ ack: `${ack.stream}@${ack.revision}`, restored: restoredAt.get(ack.position) }).toEqual({ ack: `${ack.stream}@${ack.revision}`, restored: `${ack.stream}@${ack.revision}` });
        process.stderr.write(`backup under writes: ${restoredLog.length} of ${originalLog.length} events, ${before} acknowledged before it began\n`);

        // Served by an API on the restored folder, the read models catch up from the copied ones to the restored log: as a clean rebuild.
        const second = await startApiProcess(restoredEnv);
        restoredApi.push(second);
        await waitFor200(second.url, '/health/ready');
        const restoredLive = SqliteReadStore.open({ path: join(folder('restored'), READ_MODELS) });
        const fresh = SqliteReadStore.open({ path: folder('rebuild.db') });
        try {
          await expectReadModelsOfACleanRebuild(restored, restoredLive, fresh);
        } finally {
          await fresh.close();
          await restoredLive.close();
        }

        // Backed up once the writes stopped and the projections caught up: the restored read models are the original's, row by row.
        await readModelsAtHead(original, originalLive);
        expect(await runCli(['backup', '--out', folder('quiet.tar.gz')], env)).toMatchObject({ code: 0 });
        const quietEnv = { ...secrets, DATA_DIR: folder('quiet') };
        expect(await runCli(['restore', folder('quiet.tar.gz')], quietEnv)).toMatchObject({ code: 0 });
        expect(await runCli(['verify'], quietEnv)).toMatchObject({ code: 0 });
        const quiet = SqliteReadStore.open({ path: join(folder('quiet'), READ_MODELS) });
        try {
          for (const projection of APPLICATION_PROJECTIONS) await expectSameRows(quiet, originalLive, projection);
        } finally {
          await quiet.close();
        }
      } finally {
        await originalLive.close();
        await restored.close();
        await original.close();
      }
    } finally {
      await api.kill('SIGKILL');
      for (const process of restoredApi) await process.kill('SIGKILL');
    }
  }, 180_000);
});
