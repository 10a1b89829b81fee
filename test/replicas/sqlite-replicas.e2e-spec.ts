import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { APPLICATION_PROJECTIONS, defaultReadStorePath } from '@mandate-ledger/projections';
import { SqliteReadStore } from '../../libs/projections/src/read-store/sqlite.read-store';
import { type ApiProcess, bearerFor, sharedSecrets, startApiProcess, waitFor200 } from '../support/api-process';
import { expectReadModelsOfACleanRebuild, wholeLog } from '../support/read-models';
import { expectEveryAckOnce, killUnderWrites, measureTakeover, WriteLoad } from './support/write-load';

// Two API processes on one SQLite data folder, both with projectors on: SQLite has no lock that dies
// with its process, so a projector holds its generation by a lease. The holder is killed with
// SIGKILL while writes go on; the other takes over once the lease has expired, within 10 s.

const TAKEOVER_LIMIT_MS = 10_000;

/** The pid of the process holding each projection's lease (`owner` is host/pid/thread/id). */
const leaseHolders = (readModelsPath: string): Map<string, number> => {
  const db = new Database(readModelsPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, owner FROM projection_leases').all() as { name: string; owner: string }[];
    return new Map(rows.map((row) => [row.name, Number(row.owner.split('/')[1])]));
  } finally {
    db.close();
  }
};

describe('two API processes on one SQLite data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-sqlite-replicas-'));
  const processes: ApiProcess[] = [];
  afterAll(async () => {
    for (const process of processes) await process.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('hand the projections over when the one holding them is killed: within 10 s, nothing acknowledged lost or doubled, read models as a clean rebuild', async () => {
    const secrets = sharedSecrets();
    const start = async () => {
      const started = await startApiProcess({ ...secrets, DATA_DIR: dir });
      processes.push(started);
      return started;
    };
    const admin = bearerFor(secrets.AUTH_JWT_SECRET, { sub: 'admin-1', role: 'admin' });
    const logPath = join(dir, 'mandate-ledger.db');
    const readModelsPath = defaultReadStorePath(logPath);

    const first = await start();
    await waitFor200(first.url, '/health/ready');
    const second = await start();
    await waitFor200(second.url, '/health/ready');
    const names = APPLICATION_PROJECTIONS.map((p) => p.name);
    expect(Object.fromEntries(leaseHolders(readModelsPath))).toEqual(Object.fromEntries(names.map((name) => [name, first.pid])));

    const load = new WriteLoad(admin);
    const { killedAt, stop } = await killUnderWrites(load, first, second);
    const live = SqliteReadStore.open({ path: readModelsPath });
    const events = SqliteEventStore.open({ path: logPath });
    try {
      const takeoverMs = await measureTakeover(load, live, killedAt);
      process.stderr.write(`sqlite replicas: the survivor applied a write acknowledged after the kill ${takeoverMs} ms after it\n`);
      expect(takeoverMs).toBeLessThan(TAKEOVER_LIMIT_MS);
      expect(Object.fromEntries(leaseHolders(readModelsPath))).toEqual(Object.fromEntries(names.map((name) => [name, second.pid])));

      await load.acknowledgedBy([second.url], 20);
      await stop();
      await waitFor200(second.url, '/health/ready');

      expectEveryAckOnce(await wholeLog(events), load.acks, 2);
      const fresh = SqliteReadStore.open({ path: join(dir, 'clean-rebuild.db') });
      try {
        await expectReadModelsOfACleanRebuild(events, live, fresh);
      } finally {
        await fresh.close();
      }
    } finally {
      await live.close();
      await events.close();
    }
  }, 120_000);
});
