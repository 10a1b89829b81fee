import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, AuditSealer, formatVerifierKey } from '@mandate-ledger/audit';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { buildComplianceReport, InProcessReportRenderer, type ReportJob, type ReportRenderer, ReportRenderThread, renderComplianceReport, type ReportSources } from '@mandate-ledger/reports';
import { SqliteAuditStore } from '../libs/audit/src/sqlite/sqlite.audit-store';
import { PERIOD, recordCalaisScenario } from '../test/compliance-report/support/calais-scenario';
import { recordLargeCase } from '../test/compliance-report/support/large-case';
import { type Comparison, printTable, progress, ratePerSecond, optionOf } from './support/measure';

const ORIGIN = 'mandate-ledger/bench';
const signer = { name: ORIGIN, privateKey: generateKeyPairSync('ed25519').privateKey };

/**
 * Budgets (set after a first run, as ratios to reading the same events raw through the store):
 * JSON and CSV at most 50× the raw read (both fold the streams, compute the coverage and prove every
 * event: a leaf hash and a proof per event; JSON also serializes a bundle of ~1.6 KB per event),
 * the PDF at most 200× (text layout, a page per ~80 cited events in the appendix).
 */
const TARGETS = { json: 0.02, csv: 0.02, pdf: 0.005 } as const;

interface Options {
  seconds: number;
  obligations: number;
  eventsPerMandate: number;
}

const parse = (args: string[]): Options => {
  const value = (flag: string) => optionOf(args, flag);
  return { seconds: Number(value('--seconds') ?? 3), obligations: Number(value('--obligations') ?? 100), eventsPerMandate: Number(value('--events-per-mandate') ?? 100) };
};

/** Renders `job` while a 10 ms timer ticks: the report's time, and the most the timer was late. */
const withTimerLag = async (renderer: ReportRenderer, job: ReportJob): Promise<{ ms: number; lag: number }> => {
  let lag = 0;
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - expected);
    expected = now + 10;
  }, 10);
  const started = performance.now();
  await renderer.render(job);
  const ms = performance.now() - started;
  clearInterval(timer);
  lag = Math.max(lag, performance.now() - expected);
  return { ms, lag };
};

/** `npm run bench -- report [--seconds 3] [--obligations 100] [--events-per-mandate 100]` */
export const runReportBenchmark = async (args: string[]): Promise<void> => {
  const options = parse(args);
  const dir = mkdtempSync(join(tmpdir(), 'ml-bench-report-'));
  const events = SqliteEventStore.open({ path: join(dir, 'bench.db') });
  try {
    const audit = SqliteAuditStore.open(events.database, { guardEvents: true });
    const log = new AuditLog(audit, { signer });
    const sealer = new AuditSealer(events, audit);
    const sources: ReportSources = { events, log, vkey: formatVerifierKey({ name: ORIGIN, publicKey: signer.privateKey }), checkpoint: async () => (await sealer.sealAvailable(), log.checkpoint()) };

    const calais = await recordCalaisScenario(events);
    const large = await recordLargeCase(events, { ...options, progress: (done, total) => progress('recording the large case', done, total) });
    await sources.checkpoint();

    console.log(
      `report benchmark: the Calais-like case (5 obligations, 5 mandates) and a case of ${options.obligations} obligations with ` +
        `${(options.obligations * options.eventsPerMandate).toLocaleString('en-US')} linked mandate events, on SQLite; each operation runs for ${options.seconds} s. ` +
        'Raw baseline: reading the same streams through the store (readStream), nothing else.',
    );
    const rows: Comparison[] = [];
    const notes: string[] = [];
    // Rates per second for the small case, per minute for the large one (whole numbers in the table).
    for (const [name, caseId, period, perMinute] of [
      ['Calais-like', calais.caseId, PERIOD, false],
      [`${options.obligations} obligations`, large, { from: '2017-06-26', to: '2019-12-31' }, true],
    ] as const) {
      const scale = perMinute ? 60 : 1;
      const request = { complianceCaseId: caseId, ...period, asKnownAt: new Date().toISOString() };
      const first = await buildComplianceReport(sources, request, { now: new Date().toISOString() });
      const streams = first.subject.completeStreams;
      const raw = await ratePerSecond(options.seconds, async () => {
        for (const stream of streams) await events.readStream(stream);
        return 1;
      });
      for (const format of ['json', 'csv', 'pdf'] as const) {
        let size = 0;
        const rate = await ratePerSecond(options.seconds, async () => {
          const bundle = await buildComplianceReport(sources, request, { now: new Date().toISOString() });
          size = (await renderComplianceReport(bundle, { format })).bytes.length;
          return 1;
        });
        rows.push({
          adapter: 'sqlite',
          operation: `${name}: ${format} report (raw: read its ${first.events.length.toLocaleString('en-US')} events)`,
          unit: perMinute ? 'per min' : 'per s',
          store: rate * scale,
          raw: raw * scale,
          target: TARGETS[format],
        });
        notes.push(`${name}, ${format}: ${(1000 / rate).toFixed(1)} ms per report, ${(size / 1024).toFixed(0)} KiB; raw read ${(1000 / raw).toFixed(2)} ms`);
      }
    }
    printTable('Compliance reports: build (read, fold, coverage, proofs) and render, beside the raw read of the same events', rows);
    for (const note of notes) console.log(note);

    // What the API's other requests (GET /health) wait while a large PDF renders: the longest a
    // 10 ms timer fired late, on the caller's thread, and with the report on a worker thread.
    const job: ReportJob = { request: { complianceCaseId: large, from: '2017-06-26', to: '2019-12-31', asKnownAt: new Date().toISOString() }, now: new Date().toISOString(), render: { format: 'pdf' } };
    const config = { kind: 'sqlite', dataDir: dir, sqlitePath: join(dir, 'bench.db'), databaseSchema: 'public' } as const;
    const thread = new ReportRenderThread(config, sources.vkey, { beforeBuild: sources.checkpoint });
    try {
      await thread.render(job); // starts the thread and loads its modules, as the API's first report does
      for (const [name, renderer] of [['on the event loop', new InProcessReportRenderer(sources)], ['on the report thread', thread]] as const) {
        const { ms, lag } = await withTimerLag(renderer, job);
        console.log(`large pdf ${name}: ${ms.toFixed(0)} ms; a 10 ms timer fired at most ${lag.toFixed(0)} ms late meanwhile`);
      }
    } finally {
      await thread.close();
    }
  } finally {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
