import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { defaultReadStorePath } from '@mandate-ledger/projections';
import { CALAIS_2017_IDS } from '../../apps/cli/src/demo/calais-2017.data';
import { SqliteReadStore } from '../../libs/projections/src/read-store/sqlite.read-store';
import { Random } from '../../libs/projections/src/testing/random-mandates';
import { type ApiProcess, bearerFor, sharedSecrets, startApiProcess, waitFor200 } from '../support/api-process';
import { expectReadModelsOfACleanRebuild, readModelsAtHead, wholeLog } from '../support/read-models';
import { runCli } from './support/cli';
import { expectEveryAckOnce, WriteLoad } from './support/write-load';

// `npm start` and, in another terminal, the CLI writing into the same data folder (`demo`, which
// boots the whole application, and `evidence --case`, which records a report's issuance) or
// rebuilding the read models, round after round at random moments while the API takes writes:
// every projection stays live, and the read models end as a clean rebuild of the log. The CLI once started projectors of its own beside
// the API's, and the two applied events twice ('Event at position 18 applied twice').

const ROUNDS = 20;
const SEED = Number(process.env.REPLICA_TEST_SEED ?? Date.now() % 1_000_000);

/**
 * Every fifth round a rebuild of every read model, whose projectors run beside the API's; else
 * `demo` (odd rounds) or `evidence --case` (even rounds).
 */
const commandOf = (round: number, out: string): string[] => {
  if (round % 5 === 0) return ['projections', 'rebuild'];
  return round % 2 === 1 ? ['demo'] : ['evidence', '--case', CALAIS_2017_IDS.complianceCases.order2017, '--out', out];
};
const EVIDENCE_ROUNDS = Array.from({ length: ROUNDS }, (_, i) => i + 1).filter((round) => commandOf(round, '')[0] === 'evidence').length;

interface Details {
  readonly status: string;
  readonly projections: { readonly name: string; readonly state: string; readonly serving: { readonly lastError: { message: string } | null } | null }[];
}

describe('the CLI writing beside a running API on one SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-cli-beside-api-'));
  let api: ApiProcess | undefined;
  afterAll(async () => {
    await api?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it(`leaves every projection live and the read models as a clean rebuild, over ${ROUNDS} rounds at random moments`, async () => {
    process.stderr.write(`cli beside api: seed ${SEED} (REPLICA_TEST_SEED=${SEED} repeats these timings)\n`);
    const random = new Random(SEED);
    const secrets = sharedSecrets();
    const env = { ...secrets, DATA_DIR: dir };
    api = await startApiProcess(env);
    await waitFor200(api.url, '/health/ready');
    const admin = bearerFor(secrets.AUTH_JWT_SECRET, { sub: 'admin-1', role: 'admin' });
    const details = async (): Promise<Details> => (await (await fetch(`${api!.url}/health/details`, { headers: { authorization: admin } })).json()) as Details;

    const load = new WriteLoad(admin);
    await load.registerOperator(api.url);
    const writing = new AbortController();
    // A grant and its suspension every 20 ms or so: writes all through each CLI run, on cores it needs too.
    const writes = load.run(() => [api!.url], writing.signal, 1, 20);
    const out = join(dir, 'report.json');
    const failedRounds: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // The CLI starts at a random moment of the API's writes.
      await new Promise((resolve) => setTimeout(resolve, random.int(0, 300)));
      const command = commandOf(round, out);
      const run = await runCli(command, env);
      expect({ round, command: command[0], code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({ round, command: command[0], code: 0, output: '' });
      const health = await details();
      const failed = health.projections.filter((p) => p.state !== 'live').map((p) => `${p.name} ${p.state}: ${p.serving?.lastError?.message ?? ''}`);
      if (failed.length > 0) failedRounds.push(`round ${round} (${command[0]}): ${failed.join('; ')}`);
    }
    writing.abort();
    await writes;
    expect(failedRounds).toEqual([]);
    await waitFor200(api.url, '/health/ready');
    expect((await details()).status).toBe('ok');

    const events = SqliteEventStore.open({ path: join(dir, 'mandate-ledger.db') });
    const live = SqliteReadStore.open({ path: defaultReadStorePath(join(dir, 'mandate-ledger.db')) });
    const fresh = SqliteReadStore.open({ path: join(dir, 'clean-rebuild.db') });
    try {
      await readModelsAtHead(events, live);
      const log = await wholeLog(events);
      const byTheCli = (sub: string) => ['demo-loader', 'cli'].includes(sub);
      expect(log.filter((e) => e.metadata.actor.sub === 'cli')).toHaveLength(EVIDENCE_ROUNDS);
      expectEveryAckOnce(log, load.acks, 0, (event) => byTheCli(event.metadata.actor.sub));
      await expectReadModelsOfACleanRebuild(events, live, fresh);
    } finally {
      await fresh.close();
      await live.close();
      await events.close();
    }
  }, 300_000);
});
