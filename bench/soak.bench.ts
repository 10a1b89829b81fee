import { latestShapeOf } from '@mandate-ledger/application';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, escapeIdentifier } from 'pg';
import { PostgresEventStore } from '@mandate-ledger/event-store/postgres/postgres.event-store';
import { APPLICATION_PROJECTIONS, rebuildProjection } from '@mandate-ledger/projections';
import { PostgresReadStore } from '../libs/projections/src/read-store/postgres.read-store';
import { dumpLiveRows } from '../libs/projections/src/testing/read-store.contract';
import { runVerify } from '../apps/cli/src/verify.command';
import { type ApiProcess, bearerFor, sharedSecrets, startApiProcess, waitFor200 } from '../test/support/api-process';
import { grantBody, laVieActive } from '../test/support/calais-bodies';
import { percentile } from './support/api-load';
import { optionOf } from './support/measure';

const LAG_TARGET_MS = 1000;
const LAG_POLL_MS = 25;

interface Options {
  readonly seconds: number;
  readonly clients: number;
}

/** One kind of request of the mixed load, with its latencies and failures. */
class Operation {
  readonly latencies: number[] = [];
  readonly failures: string[] = [];
  constructor(
    readonly name: string,
    readonly kind: 'command' | 'query',
  ) {}
}

/**
 * The load: each client takes a mandate through its life and reads it back, every request going to
 * the next replica in turn (a round-robin balancer). Commands: grant, suspend, reinstate, report
 * activity; queries: the mandate (replayed), the board (read-your-writes), its history, the operator.
 */
class MixedLoad {
  private turn = 0;
  readonly operations = new Map<string, Operation>();
  /** Acknowledged writes waiting to be applied by every read model: position and when acknowledged. */
  readonly unapplied: { position: bigint; at: number }[] = [];
  readonly lags: number[] = [];

  constructor(
    private readonly urls: readonly string[],
    private readonly token: string,
    private readonly operatorId: string,
  ) {
    for (const [name, kind] of [
      ['POST /mandates', 'command'],
      ['POST /mandates/:id/suspensions', 'command'],
      ['POST /mandates/:id/reinstatements', 'command'],
      ['POST /mandates/:id/activity-reports', 'command'],
      ['GET /mandates/:id', 'query'],
      ['GET /mandates?minPosition=', 'query'],
      ['GET /mandates/:id/history', 'query'],
      ['GET /operators/:id', 'query'],
    ] as const) {
      this.operations.set(name, new Operation(name, kind));
    }
  }

  private async request(name: string, method: 'GET' | 'POST', path: string, body?: object): Promise<{ id?: string; position?: string } | undefined> {
    const operation = this.operations.get(name)!;
    const url = this.urls[this.turn++ % this.urls.length];
    const started = performance.now();
    try {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: this.token, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      const elapsed = performance.now() - started;
      if (!response.ok) {
        operation.failures.push(`${response.status} ${text.slice(0, 200)}`);
        return undefined;
      }
      operation.latencies.push(elapsed);
      const answer = JSON.parse(text) as { id?: string; position?: string };
      if (method === 'POST' && answer.position) this.unapplied.push({ position: BigInt(answer.position), at: Date.now() });
      return answer;
    } catch (error) {
      operation.failures.push(String(error));
      return undefined;
    }
  }

  async client(signal: AbortSignal, index: number): Promise<void> {
    for (let cycle = 0; !signal.aborted; cycle++) {
      const granted = await this.request('POST /mandates', 'POST', '/mandates', grantBody(this.operatorId));
      if (!granted?.id) continue;
      const id = granted.id;
      await this.request('GET /mandates/:id', 'GET', `/mandates/${id}?on=2017-09-01`);
      const suspended = await this.request('POST /mandates/:id/suspensions', 'POST', `/mandates/${id}/suspensions`, {
        effectiveFrom: '2017-10-02',
        reason: 'staff safety',
        decisionReference: `AP-2017-${index}-${cycle}`,
      });
      if (suspended?.position) await this.request('GET /mandates?minPosition=', 'GET', `/mandates?departement=62&status=suspended&on=2017-10-05&pageSize=20&minPosition=${suspended.position}`);
      await this.request('POST /mandates/:id/reinstatements', 'POST', `/mandates/${id}/reinstatements`, { effectiveFrom: '2017-10-09', decisionReference: `AP-2017-${index}-${cycle}-R` });
      await this.request('POST /mandates/:id/activity-reports', 'POST', `/mandates/${id}/activity-reports`, {
        periodStart: '2017-08-01',
        periodEnd: '2017-08-31',
        indicators: [{ name: 'minors_found', value: 100 + (cycle % 50) }],
        staff: { salariedFte: 6, volunteers: 2 },
      });
      await this.request('GET /mandates/:id/history', 'GET', `/mandates/${id}/history`);
      await this.request('GET /operators/:id', 'GET', `/operators/${this.operatorId}`);
    }
  }

  /** Polls the read models: each acknowledged write's lag ends when every projection has applied it. */
  async followLag(readStore: PostgresReadStore, signal: AbortSignal): Promise<void> {
    while (!signal.aborted || this.unapplied.length > 0) {
      const generations = await Promise.all(APPLICATION_PROJECTIONS.map((p) => readStore.activeGeneration(p.name)));
      const applied = generations.reduce<bigint | undefined>((min, g) => (g?.checkpoint === undefined ? -1n : min === undefined || g.checkpoint < min ? g.checkpoint : min), undefined) ?? -1n;
      const now = Date.now();
      for (let i = this.unapplied.length - 1; i >= 0; i--) {
        if (this.unapplied[i].position <= applied) {
          this.lags.push(now - this.unapplied[i].at);
          this.unapplied.splice(i, 1);
        }
      }
      if (signal.aborted && now - (this.unapplied[0]?.at ?? now) > 30_000) throw new Error(`${this.unapplied.length} writes never reached the read models`);
      await new Promise((resolve) => setTimeout(resolve, LAG_POLL_MS));
    }
  }
}

const parse = (args: string[]): Options => ({
  seconds: Number(optionOf(args, '--seconds') ?? 60),
  clients: Number(optionOf(args, '--clients') ?? 8),
});

const ms = (value: number): string => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US'));

const printOperations = (operations: readonly Operation[], seconds: number): void => {
  const rows = operations.map((o) => {
    const sorted = [...o.latencies].sort((a, b) => a - b);
    return [o.name, o.kind, (o.latencies.length + o.failures.length).toLocaleString('en-US'), (o.latencies.length / seconds).toFixed(1), String(o.failures.length), ms(percentile(sorted, 0.5)), ms(percentile(sorted, 0.99))];
  });
  const header = ['operation', 'kind', 'requests', 'per s', 'errors', 'p50 ms', 'p99 ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
};

/**
 * `npm run bench -- soak [--seconds 60] [--clients 8]`: two API replicas on one PostgreSQL schema
 * (both projecting, both sealing), a mixed load of commands and queries spread over them in turn
 * for the time given; then the errors (target 0), p50/p99 of each operation, the lag from a write's
 * acknowledgement to its application by every read model (p99 target ≤ 1 s), a `verify` of the
 * whole log, and every read model compared with a clean rebuild, row by row.
 */
export const runSoakBenchmark = async (args: string[]): Promise<void> => {
  const options = parse(args);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const suffix = Math.random().toString(16).slice(2, 10);
  const [schema, rebuildSchema] = [`ml_soak_${suffix}`, `ml_soak_${suffix}_rebuild`];
  const secrets = sharedSecrets();
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema, ...secrets };
  const dirs = [mkdtempSync(join(tmpdir(), 'ml-soak-1-')), mkdtempSync(join(tmpdir(), 'ml-soak-2-'))];
  console.log(`soak benchmark: two API replicas on PostgreSQL (schema ${schema}), ${options.clients} clients sending to them in turn, ${options.seconds} s of mixed commands and queries`);
  const replicas: ApiProcess[] = [];
  const failures: string[] = [];
  try {
    for (const dir of dirs) {
      // As deployed: a JSON line per request on stdout (which this process reads and keeps).
      replicas.push(await startApiProcess({ ...env, DATA_DIR: dir, LOG_LEVEL: 'info', LOG_FORMAT: 'json' }));
      await waitFor200(replicas.at(-1)!.url, '/health/ready');
    }
    const admin = bearerFor(secrets.AUTH_JWT_SECRET, { sub: 'soak-admin', role: 'admin' });
    const registered = await fetch(`${replicas[0].url}/operators`, { method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify(laVieActive) });
    const { id: operatorId } = (await registered.json()) as { id: string };
    const load = new MixedLoad(
      replicas.map((r) => r.url),
      admin,
      operatorId,
    );

    const readStore = await PostgresReadStore.open({ connectionString: url, schema, poolSize: 2 });
    const running = new AbortController();
    const lag = load.followLag(readStore, running.signal);
    const started = performance.now();
    const clients = Array.from({ length: options.clients }, (_, i) => load.client(running.signal, i));
    await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
    running.abort();
    await Promise.all(clients);
    const seconds = (performance.now() - started) / 1000;
    await lag;
    await readStore.close();

    const operations = [...load.operations.values()];
    console.log('');
    printOperations(operations, seconds);
    const errors = operations.reduce((sum, o) => sum + o.failures.length, 0);
    const total = operations.reduce((sum, o) => sum + o.latencies.length, 0);
    const lags = [...load.lags].sort((a, b) => a - b);
    console.log(`\n${total.toLocaleString('en-US')} requests answered in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)}/s), ${errors} errors (target 0): ${errors === 0 ? 'ok' : 'FAILED'}`);
    for (const o of operations) if (o.failures.length > 0) failures.push(`${o.name}: ${o.failures.length} errors, the first: ${o.failures[0]}`);
    const lagP99 = percentile(lags, 0.99);
    console.log(
      `projection lag, from a write's acknowledgement to its application by all ${APPLICATION_PROJECTIONS.length} read models (polled every ${LAG_POLL_MS} ms), ` +
        `over ${lags.length.toLocaleString('en-US')} writes: p50 ${ms(percentile(lags, 0.5))} ms, p99 ${ms(lagP99)} ms, max ${ms(lags.at(-1) ?? NaN)} ms (target p99 ≤ ${LAG_TARGET_MS} ms): ${lagP99 <= LAG_TARGET_MS ? 'ok' : 'BELOW'}`,
    );

    // Everything sealed and signed, then the whole log verified from the database, as the CLI does.
    await fetch(`${replicas[0].url}/audit/checkpoints`, { method: 'POST', headers: { authorization: admin } });
    console.log('\nverify:');
    const verified = await runVerify([], env);
    if (verified !== 0) failures.push('verify failed');

    // As stored, as the replicas' projectors read it; the read models that want the latest shapes get them through `upcast`.
    const events = await PostgresEventStore.open({ connectionString: url, schema });
    const live = await PostgresReadStore.open({ connectionString: url, schema, poolSize: 2 });
    const fresh = await PostgresReadStore.open({ connectionString: url, schema: rebuildSchema, poolSize: 2 });
    try {
      const compared: string[] = [];
      for (const projection of APPLICATION_PROJECTIONS) {
        const { outcome } = await rebuildProjection(events, fresh, projection, { upcast: latestShapeOf });
        const [a, b] = [await dumpLiveRows(live, projection), await dumpLiveRows(fresh, projection)];
        const rows = Object.values(b).reduce((sum, table) => sum + table.length, 0);
        const same = outcome === 'caught_up' && JSON.stringify(a) === JSON.stringify(b);
        compared.push(`${projection.name} ${rows.toLocaleString('en-US')} rows ${same ? 'equal' : 'DIFFER'}`);
        if (!same) failures.push(`the ${projection.name} read model differs from a clean rebuild`);
      }
      console.log(`read models against a clean rebuild of the log: ${compared.join(', ')}`);
    } finally {
      await fresh.close();
      await live.close();
      await events.close();
    }
    const exits = await Promise.all(replicas.map((r) => r.kill('SIGTERM')));
    console.log(`replicas stopped by SIGTERM: exit ${exits.join(' and ')}`);
    if (exits.some((code) => code !== 0)) failures.push(`a replica exited ${exits.join(', ')} on SIGTERM`);
  } finally {
    for (const replica of replicas) await replica.kill('SIGKILL');
    const client = new Client({ connectionString: url });
    await client.connect();
    for (const name of [schema, rebuildSchema]) await client.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(name)} CASCADE`);
    await client.end();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length > 0) throw new Error(`the soak failed:\n${failures.join('\n')}`);
};
