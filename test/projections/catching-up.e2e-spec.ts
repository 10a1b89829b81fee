import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { FRANCE_POOL } from '../../libs/projections/src/testing/random-mandates';
import { startApi, type TestApi } from '../support/api';
import { fillMandateLog } from './support/mandate-log';

// The projectors run on a thread of their own, writing a file of their own: an API started on a log
// its read models have not applied yet (a first start on an existing log, a projection's new
// version) answers while they catch up, instead of after the whole catch-up, and its queries given
// a position wait for the thread.

const tablesOf = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  } finally {
    db.close();
  }
};

interface ProjectionHealth {
  readonly name: string;
  readonly serving: { position: string | null; behindPositions: string } | null;
  readonly building: { position: string | null; behindPositions: string } | null;
}

/** Enough for a catch-up of several seconds, against a first request served within milliseconds of listening. */
const EVENTS = 30_000;

describe('projectors catching up in the API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-catching-up-'));
  const path = join(dir, 'ledger.db');
  let api: TestApi | undefined;
  let head: bigint;

  beforeAll(async () => {
    const store = SqliteEventStore.open({ path });
    try {
      await fillMandateLog(store, { seed: 5, events: EVENTS, mandates: EVENTS / 10, territories: FRANCE_POOL });
      head = (await store.headPosition())!;
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the API answering while the read models catch up with a long log, then serves them', async () => {
    api = await startApi({ DATA_DIR: dir, SQLITE_PATH: path, READ_YOUR_WRITES_TIMEOUT_MS: '120000' });
    const admin = api.bearer({ sub: 'admin-1', role: 'admin' });

    // The server answers while the catch-up goes on, and says it is not ready yet. The thread may not
    // have created the board's first generation yet: ask until it has.
    const boardIn = (body: { projections: ProjectionHealth[] }) => body.projections.find((p) => p.name === 'mandates_board');
    let health = await api.http.get('/health/details').set('Authorization', admin).expect(200);
    for (let i = 0; i < 1000 && !(boardIn(health.body)?.serving ?? boardIn(health.body)?.building); i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      health = await api.http.get('/health/details').set('Authorization', admin).expect(200);
    }
    expect(health.body.ready).toBe(false);
    expect(health.body.eventStore.headPosition).toBe(String(head));
    const board = boardIn(health.body);
    // Answered while the board was still behind the log: the catch-up does not hold the event loop.
    const behind = board?.serving ?? board?.building;
    expect(behind).toBeTruthy();
    expect(BigInt(behind!.behindPositions)).toBeGreaterThan(0n);

    // A query given the head waits for the thread, then answers from the whole log.
    const page = await api.http.get(`/mandates?minPosition=${head}&on=2018-01-01&pageSize=1`).set('Authorization', admin).expect(200);
    expect(page.body.total).toBeGreaterThan(0);
    const caughtUp = await api.http.get('/health/details').set('Authorization', admin).expect(200);
    expect((caughtUp.body.projections as ProjectionHealth[]).find((p) => p.name === 'mandates_board')?.serving).toMatchObject({ behindPositions: '0' });

    // The rows are in the read models' own file, beside the log's: its writes never take the log's write lock.
    expect(tablesOf(path).some((t) => t.startsWith('rm_mandates_board_'))).toBe(false);
    expect(tablesOf(join(dir, 'ledger-read-models.db')).some((t) => t.startsWith('rm_mandates_board_'))).toBe(true);
  });
});
