import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latestShapeOf } from '@mandate-ledger/application';
import { PostgresEventStore } from '@mandate-ledger/event-store/postgres/postgres.event-store';
import { APPLICATION_PROJECTIONS, rebuildProjection } from '@mandate-ledger/projections';
import { PostgresReadStore } from '../../libs/projections/src/read-store/postgres.read-store';
import { dumpLiveRows } from '../../libs/projections/src/testing/read-store.contract';
import { runDemo } from '../../apps/cli/src/demo.command';
import { runCheckpoint } from '../../apps/cli/src/evidence-checkpoint.command';
import { runVerify } from '../../apps/cli/src/verify.command';
import { sharedSecrets } from '../support/api-process';
import { wholeLog } from '../support/read-models';
import { captureConsoleText as run } from '../support/console';
import { type AppSetup, describeWithPostgres, dropTestSchema, postgresAppSetup, postgresTestUrl } from '../support/postgres';

// The README's commands for PostgreSQL: pg_dump of the deployment's schema, the schema lost,
// pg_restore, then verify and the read models as they were.

const sh = (command: string, args: string[]): string => {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.error?.message}): ${result.stderr}`);
  return result.stdout;
};

describeWithPostgres('pg_dump and pg_restore of one schema', () => {
  let setup: AppSetup;
  const dir = mkdtempSync(join(tmpdir(), 'ml-pg-backup-'));
  beforeAll(async () => (setup = await postgresAppSetup()));
  afterAll(async () => {
    await setup.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a schema that verify passes, with the same read models and a log that takes appends again', async () => {
    const schema = setup.env.DATABASE_SCHEMA!;
    const env = { ...setup.env, ...sharedSecrets(), DATA_DIR: dir };
    expect((await run(() => runDemo([], env))).code).toBe(0);
    expect((await run(() => runCheckpoint(['--out', join(dir, 'checkpoint.note')], env))).code).toBe(0);
    const rows = async () => {
      // As the projectors read it: stored, lifted for the read models that want the latest shapes.
      const events = await PostgresEventStore.open({ connectionString: postgresTestUrl, schema });
      const readStore = await PostgresReadStore.open({ connectionString: postgresTestUrl, schema, poolSize: 2 });
      try {
        const all: Record<string, unknown> = {};
        for (const projection of APPLICATION_PROJECTIONS) {
          if (!(await readStore.activeGeneration(projection.name))) await rebuildProjection(events, readStore, projection, { upcast: latestShapeOf });
          all[projection.name] = await dumpLiveRows(readStore, projection);
        }
        return { rows: all, head: await events.headPosition(), events: (await wholeLog(events)).length };
      } finally {
        await readStore.close();
        await events.close();
      }
    };
    const before = await rows();

    const file = join(dir, 'ledger.dump');
    sh('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${file}`, postgresTestUrl]);
    await dropTestSchema(schema);
    sh('pg_restore', ['--exit-on-error', `--dbname=${postgresTestUrl}`, file]);

    const verified = await run(() => runVerify([], env));
    expect(verified).toMatchObject({ code: 0, out: expect.stringContaining(`${before.events} events match the ${before.events} sealed leaves`) });
    expect(await rows()).toEqual(before);
    const store = await PostgresEventStore.open({ connectionString: postgresTestUrl, schema });
    try {
      const { position } = await store.appendToStream('operator-after-restore', [{ id: '0190b5a0-0000-7000-8000-0000000000ab', type: 'Noted', schemaVersion: 1, data: {}, metadata: { actor: { sub: 's', role: 'admin' }, correlationId: 'c' } }], 'no_stream');
      expect(position).toBeGreaterThan(before.head!);
    } finally {
      await store.close();
    }
  }, 120_000);
});
