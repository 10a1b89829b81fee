import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type EventStore } from '@mandate-ledger/event-store';
import { PostgresEventStore } from '@mandate-ledger/event-store/postgres/postgres.event-store';
import { APPLICATION_PROJECTIONS, type ReadStore } from '@mandate-ledger/projections';
import { PostgresReadStore } from '../../libs/projections/src/read-store/postgres.read-store';
import { type ApiProcess, bearerFor, sharedSecrets, startApiProcess, waitFor200 } from '../support/api-process';
import { type AppSetup, describeWithPostgres, postgresAppSetup, postgresTestUrl, testSchemaName, dropTestSchema } from '../support/postgres';
import { expectReadModelsOfACleanRebuild, readModelsAtHead, wholeLog } from '../support/read-models';
import { expectEveryAckOnce, killUnderWrites, measureTakeover, WriteLoad } from './support/write-load';

// Two API processes on one PostgreSQL schema, both with projectors on, both taking writes. The one
// holding the projections is killed with SIGKILL while the writes go on: the other takes them over,
// nothing acknowledged is lost or doubled, and every read model equals a clean rebuild.

const TAKEOVER_LIMIT_MS = 10_000;

/** The API processes among `pids` that hold a projector's advisory lock, with how many each holds. */
const projectorLocks = async (client: Client, pids: readonly number[]): Promise<Map<number, number>> => {
  const { rows } = await client.query<{ name: string; locks: string }>(
    `SELECT a.application_name AS name, count(*) AS locks FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = ANY($1::text[]) GROUP BY a.application_name`,
    [pids.map((pid) => `mandate-ledger projector ${pid}`)],
  );
  return new Map(rows.map((row) => [Number(row.name.split(' ').at(-1)), Number(row.locks)]));
};

describeWithPostgres('two API replicas on one PostgreSQL schema', () => {
  let setup: AppSetup;
  const dirs: string[] = [];
  const processes: ApiProcess[] = [];
  let events: EventStore;
  let live: ReadStore;
  let lockReader: Client;
  const cleanSchema = testSchemaName();

  beforeAll(async () => {
    setup = await postgresAppSetup();
  });
  afterAll(async () => {
    for (const process of processes) await process.kill('SIGKILL');
    await live?.close();
    await events?.close();
    await lockReader?.end();
    await dropTestSchema(cleanSchema);
    await setup.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('survive the death of the one holding the projections: it takes over within 10 s, nothing acknowledged lost or doubled, read models as a clean rebuild', async () => {
    const secrets = sharedSecrets();
    const replica = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ml-replica-'));
      dirs.push(dir);
      const started = await startApiProcess({ ...setup.env, ...secrets, DATA_DIR: dir });
      processes.push(started);
      return started;
    };
    const admin = bearerFor(secrets.AUTH_JWT_SECRET, { sub: 'admin-1', role: 'admin' });
    lockReader = new Client({ connectionString: postgresTestUrl });
    await lockReader.connect();

    // The first replica builds the read models and so holds every projection; the second watches.
    const first = await replica();
    await waitFor200(first.url, '/health/ready');
    const second = await replica();
    await waitFor200(second.url, '/health/ready');
    expect(await projectorLocks(lockReader, [first.pid, second.pid])).toEqual(new Map([[first.pid, APPLICATION_PROJECTIONS.length]]));

    const load = new WriteLoad(admin);
    const { killedAt, stop } = await killUnderWrites(load, first, second);
    // Takeover: the survivor's projectors apply a write it acknowledged after the kill.
    events = await PostgresEventStore.open({ connectionString: postgresTestUrl, schema: setup.env.DATABASE_SCHEMA! });
    live = await PostgresReadStore.open({ connectionString: postgresTestUrl, schema: setup.env.DATABASE_SCHEMA!, poolSize: 2 });
    const takeoverMs = await measureTakeover(load, live, killedAt);
    process.stderr.write(`postgres replicas: the survivor applied a write acknowledged after the kill ${takeoverMs} ms after it\n`);
    expect(takeoverMs).toBeLessThan(TAKEOVER_LIMIT_MS);
    expect(await projectorLocks(lockReader, [first.pid, second.pid])).toEqual(new Map([[second.pid, APPLICATION_PROJECTIONS.length]]));

    // Writes go on through the survivor for a while, then stop.
    await load.acknowledgedBy([second.url], 20);
    await stop();
    await waitFor200(second.url, '/health/ready');

    const log = await wholeLog(events);
    // At most one request per write loop was in flight to the killed process.
    expectEveryAckOnce(log, load.acks, 2);
    await readModelsAtHead(events, live);
    const fresh = await PostgresReadStore.open({ connectionString: postgresTestUrl, schema: cleanSchema, poolSize: 2 });
    try {
      await expectReadModelsOfACleanRebuild(events, live, fresh);
    } finally {
      await fresh.close();
    }
    const health = await fetch(`${second.url}/health/details`, { headers: { authorization: admin } });
    expect(((await health.json()) as { status: string }).status).toBe('ok');
  }, 120_000);
});
