import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '@mandate-ledger/event-store';
import { signToken } from '../apps/api/src/auth/jwt';
import { grantBody, laVieActive } from '../test/support/calais-bodies';
import { type LoadResult, loadWithPosts, percentile, startServerProcess } from './support/api-load';
import { optionOf } from './support/measure';
import { openRawSqlite } from './support/sqlite-raw';

interface Options {
  seconds: number;
  warmup: number;
  connections: number[];
}

const parse = (args: string[]): Options => {
  const value = (flag: string) => optionOf(args, flag);
  return {
    seconds: Number(value('--seconds') ?? 5),
    warmup: Number(value('--warmup') ?? 5),
    connections: (value('--connections') ?? '1,32').split(',').map(Number),
  };
};

/** The grant's throughput over HTTP should stay within half of what the bare platform answers. */
const TARGET = 0.5;

/** Each request a new mandate: the same grant under a fresh client-chosen id. */
const freshGrants = (operatorId: string): (() => string) => {
  const rest = JSON.stringify(grantBody(operatorId)).slice(1);
  return () => `{"id":"${randomUUID()}",${rest}`;
};

interface Measured {
  readonly warmup: LoadResult;
  readonly runs: readonly LoadResult[];
}

/**
 * `npm run bench -- api [--seconds 5] [--warmup 5] [--connections 1,32]`: grants over HTTP against
 * the app on SQLite, beside a bare Nest endpoint answering the same JSON, each server in its own
 * process (started one after the other), autocannon in this one. Both are measured in their steady
 * state: the app once `/health` shows every projection live (its threads have started), then each
 * server after the same warm-up under load.
 */
export const runApiBenchmark = async (args: string[]): Promise<void> => {
  const options = parse(args);
  console.log(
    `api benchmark: POST /mandates, ${options.seconds} s per line after a ${options.warmup} s warm-up, ` +
      `${options.connections.join(' and ')} connection(s); the app on SQLite in a temp folder, then a bare Nest (Express) endpoint`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'ml-bench-api-'));
  const secret = randomBytes(32).toString('base64url');
  const officer = `Bearer ${signToken({ sub: 'bench-officer-62', role: 'officer', departements: ['62'] }, secret)}`;
  try {
    const commitMs = durableCommitMs(dataDir);
    const grant = await measure('grant', { DATA_DIR: dataDir, AUTH_JWT_SECRET: secret }, options, officer, async (url) => {
      const operatorId = await registerOperator(url, officer);
      await projectionsLive(url);
      return operatorId;
    });
    const bare = await measure('bare', {}, options, officer, async () => randomUUID());
    printApiTable(grant.runs, bare.runs);
    printCommitCeiling(commitMs, bare.runs.find((r) => r.connections === 1));
    const failures = [
      ...[grant.warmup, ...grant.runs].map((r) => failureOf('grant', r)),
      ...[bare.warmup, ...bare.runs].map((r) => failureOf('bare endpoint', r)),
    ].filter((f): f is string => f !== undefined);
    if (failures.length > 0) throw new Error(`the benchmark is void: not every request was answered with a 2xx\n${failures.join('\n')}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const measure = async (
  kind: 'grant' | 'bare',
  env: NodeJS.ProcessEnv,
  { seconds, warmup, connections }: Options,
  authorization: string,
  prepare: (url: string) => Promise<string>,
): Promise<Measured> => {
  const server = await startServerProcess(kind, env);
  try {
    const body = freshGrants(await prepare(server.url));
    const load = (n: number, duration: number) => loadWithPosts({ url: server.url, path: '/mandates', connections: n, seconds: duration, headers: { authorization }, body });
    const warmed = await load(Math.max(...connections), warmup);
    const runs: LoadResult[] = [];
    for (const n of connections) runs.push(await load(n, seconds));
    return { warmup: warmed, runs };
  } finally {
    await server.stop();
  }
};

const COMMITS = 200;
/** Commits before those measured: enough for the write-ahead log to be checkpointed and reused, as in a server that has run a while. */
const WARMUP_COMMITS = 1000;

/**
 * The median time of one durable commit on the benchmark's disk, measured before the servers start:
 * one grant's event in one transaction, as the store commits an append (WAL, `synchronous=FULL`).
 * The first commits are not counted: while the write-ahead log grows, each `fsync` also writes the
 * file's new size, and they cost about twice as much as once the log is reused.
 */
const durableCommitMs = (dir: string): number => {
  const raw = openRawSqlite(join(dir, 'commit-floor.db'));
  try {
    const data = JSON.parse(JSON.stringify(grantBody(randomUUID()))) as JsonObject;
    const metadata = { actor: { sub: 'bench-officer-62', role: 'officer' }, correlationId: randomUUID() };
    const samples: number[] = [];
    for (let i = 0; i < WARMUP_COMMITS + COMMITS; i++) {
      const start = performance.now();
      raw.appendOne(`mandate-${i}`, 0, { id: randomUUID(), type: 'MandateGranted', schemaVersion: 1, data, metadata });
      if (i >= WARMUP_COMMITS) samples.push(performance.now() - start);
    }
    return percentile(samples.sort((a, b) => a - b), 0.5);
  } finally {
    raw.close();
  }
};

/**
 * At 1 connection each grant waits for its own commit, so it takes at least the bare request's time
 * plus one durable commit: the disk alone bounds the ratio there, whatever the grant's code costs.
 */
const printCommitCeiling = (commitMs: number, bare: LoadResult | undefined): void => {
  console.log(`
Durable commit on this disk (a grant's event, SQLite WAL with synchronous=FULL, median of ${COMMITS} in a row after ${WARMUP_COMMITS}): ${ms(commitMs)} ms`);
  if (!bare) return;
  const bareMs = 1000 / bare.perSecond;
  const ceiling = bareMs / (bareMs + commitMs);
  console.log(`At 1 connection the ratio cannot exceed ${ms(bareMs)} / (${ms(bareMs)} + ${ms(commitMs)}) = ${ceiling.toFixed(2)} on this disk (bare request time over bare plus one commit)`);
};

const registerOperator = async (url: string, authorization: string): Promise<string> => {
  const response = await fetch(`${url}/operators`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(laVieActive),
  });
  if (response.status !== 201) throw new Error(`registering the operator answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
};

const LIVE_TIMEOUT_MS = 60_000;

/**
 * Waits until `/health` shows every projection live: until then the server's projector and sealer
 * threads are still starting (loading their code, catching up), on the cores the grants need.
 */
const projectionsLive = async (url: string): Promise<void> => {
  const deadline = Date.now() + LIVE_TIMEOUT_MS;
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as { projections: { name: string; state: string }[] };
    const waiting = health.projections.filter((p) => p.state !== 'live');
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`projections not live after ${LIVE_TIMEOUT_MS / 1000} s: ${waiting.map((p) => `${p.name} ${p.state}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const failureOf = (what: string, r: LoadResult): string | undefined =>
  r.refused === 0 && r.errors === 0
    ? undefined
    : `${what}, ${r.connections} connection(s): ${r.refused} non-2xx answers ${JSON.stringify(r.statusCodes)}, ${r.errors} connection errors; first: ${r.firstRefusal ?? 'none'}`;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (Number.isNaN(n) ? '-' : n.toFixed(2));

const printApiTable = (grants: readonly LoadResult[], bares: readonly LoadResult[]): void => {
  const header = ['operation', 'grant', 'bare Nest', 'ratio', 'target', 'grant p50 / p99', 'bare p50 / p99', 'grant non-2xx'];
  const lines = grants.map((grant, i) => {
    const bare = bares[i];
    const ratio = grant.perSecond / bare.perSecond;
    return [
      `grant, ${grant.connections} connection${grant.connections === 1 ? '' : 's'}`,
      `${count(grant.perSecond)} req/s`,
      `${count(bare.perSecond)} req/s`,
      ratio.toFixed(2),
      `${ratio >= TARGET ? 'ok' : 'BELOW'} (≥ ${TARGET})`,
      `${ms(grant.p50)} / ${ms(grant.p99)} ms`,
      `${ms(bare.p50)} / ${ms(bare.p99)} ms`,
      `${count(grant.refused)}${grant.errors > 0 ? ` (+ ${count(grant.errors)} errors)` : ''}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log('\nGrant over HTTP versus a bare Nest endpoint answering the same JSON, same run\n');
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(row(line));
};
