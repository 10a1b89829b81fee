import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore, uuidv7 } from '@mandate-ledger/event-store';
import { mandatesBoardProjection } from '@mandate-ledger/projections';
import { startApi, type TestApi } from '../support/api';
import { spawnTs } from '../support/child-process';

// An event the board cannot apply (a type from a newer version of the application, say) stops the
// board: /health reports it with the event, reads that need it answer 503, `projections status`
// shows it, and nothing after it is applied.

const runStatus = (env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawnTs('test/projections/support/rebuild-until-killed.ts', ['status'], env);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });

describe('a projection stopped by an event it cannot apply', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-projection-failure-'));
  const env = { DATA_DIR: dir, SQLITE_PATH: join(dir, 'ledger.db') };
  let api: TestApi;
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is reported by /health, refuses reads that need it, and shows in projections status', async () => {
    api = await startApi(env);
    const admin = api.bearer({ sub: 'admin-1', role: 'admin' });
    const store = api.app.get<EventStore>(EVENT_STORE);
    const actor = { sub: 'future-release', role: 'admin' };
    const bad = await store.appendToStream(
      `mandate-${uuidv7()}`,
      [{ id: uuidv7(), type: 'MandateTransferred', schemaVersion: 1, data: { to: 'another operator' }, metadata: { actor, correlationId: 'x' } }],
      'no_stream',
    );

    // The health check reports it as soon as the projector has recorded it. The projectors run side
    // by side on their thread: the history may still be catching up when the board stops.
    const historyState = (body: { projections: { name: string; state: string }[] }) => body.projections.find((p) => p.name === 'history')?.state;
    const details = () => api.http.get('/health/details').set('Authorization', admin).expect(200);
    let health = await details();
    for (let i = 0; i < 500 && (health.body.status !== 'degraded' || historyState(health.body) !== 'live'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      health = await details();
    }
    const board = health.body.projections.find((p: { name: string }) => p.name === 'mandates_board');
    expect(health.body).toMatchObject({ status: 'degraded', ready: false });
    expect(board).toMatchObject({ state: 'failed' });
    const failed = board.serving ?? board.building;
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatchObject({
      position: bad.position.toString(),
      eventType: 'MandateTransferred',
      message: expect.stringContaining('does not know the mandate event type MandateTransferred'),
    });
    // The others apply it (or ignore it) and go on.
    expect(historyState(health.body)).toBe('live');
    // Anyone may see that something is wrong, but not what: no ids, positions or error texts.
    expect((await api.http.get('/health').expect(200)).body).toEqual({ status: 'degraded' });
    expect((await api.http.get('/health/ready').expect(503)).body).toEqual({ status: 'degraded' });
    await api.http.get('/health/details').set('Authorization', api.bearer({ sub: 'auditor-1', role: 'auditor' })).expect(403);
    await api.http.get('/health/details').expect(401);

    const refused = await api.http.get(`/mandates?minPosition=${bad.position}`).set('Authorization', admin).expect(503);
    expect(refused.body.code).toMatch(/^PROJECTION_(FAILED|NOT_READY)$/);

    const status = await runStatus(env);
    expect(status.code).toBe(1);
    expect(status.output).toMatch(new RegExp(`mandates_board +\\| ${mandatesBoardProjection.version} +\\| failed`));
    expect(status.output).toContain(`MandateTransferred at ${bad.position}`);
  });
});
