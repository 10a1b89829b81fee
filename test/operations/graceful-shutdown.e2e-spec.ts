import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { bearerFor, sharedSecrets, startApiProcess, waitFor200 } from '../support/api-process';
import { wholeLog } from '../support/read-models';
import { expectEveryAckOnce, WriteLoad } from '../replicas/support/write-load';

const SHUTDOWN_TIMEOUT_MS = 5000;
const WRITERS = 6;

describe('SIGTERM during a stream of writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-sigterm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers the writes in flight, refuses the others, stops its threads and stores, and exits 0 within the bound: every acknowledged write is in the log', async () => {
    const secrets = sharedSecrets();
    const api = await startApiProcess({ ...secrets, DATA_DIR: dir, SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), AUDIT_SEAL_INTERVAL_MS: '50', AUDIT_CHECKPOINT_INTERVAL_MS: '200' });
    try {
      await waitFor200(api.url, '/health/ready');
      const load = new WriteLoad(bearerFor(secrets.AUTH_JWT_SECRET, { sub: 'admin-1', role: 'admin' }));
      await load.registerOperator(api.url);
      const writing = new AbortController();
      const writes = load.run(() => [api.url], writing.signal, WRITERS);
      await load.acknowledgedBy([api.url], 60);

      const signalled = Date.now();
      const exit = await api.kill('SIGTERM');
      const tookMs = Date.now() - signalled;
      writing.abort();
      await writes;

      expect(exit).toBe(0);
      expect(tookMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      expect(api.output()).toMatch(/SIGTERM: refusing new requests; \d+ in flight/);
      expect(api.output()).toMatch(/stopped in \d+ ms/);
      process.stderr.write(`SIGTERM under ${WRITERS} writers: exit ${exit} after ${tookMs} ms, ${load.acks.length} writes acknowledged\n`);

      const store = SqliteEventStore.open({ path: join(dir, 'mandate-ledger.db') });
      try {
        // Each request in flight was answered before the stores closed: nothing in the log went unacknowledged.
        expectEveryAckOnce(await wholeLog(store), load.acks, 0);
      } finally {
        await store.close();
      }
    } finally {
      await api.kill('SIGKILL');
    }
  }, 120_000);
});
