import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, AuditSealer, formatVerifierKey } from '@mandate-ledger/audit';
import {
  type CommandMetadata,
  type ComplianceCaseCommand,
  complianceCaseDecider,
  complianceCaseStreamName,
  type Decider,
  MISSION_TYPES,
  type MandateCommand,
  mandateDecider,
  mandateStreamName,
  type MissionType,
} from '@mandate-ledger/domain';
import type { EventMetadata, EventStore, JsonObject } from '@mandate-ledger/event-store';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { buildComplianceReport, renderComplianceReport, type ReportSources } from '@mandate-ledger/reports';
import { SqliteAuditStore } from '../libs/audit/src/sqlite/sqlite.audit-store';
import { addObligation, linkMeasure, openCase, recordNotification } from '../libs/domain/src/testing/compliance-case.fixtures';
import { maraudeGrant } from '../libs/domain/src/testing/mandate.fixtures';
import { PERIOD, recordCalaisScenario } from '../test/compliance-report/support/calais-scenario';
import { type Comparison, printTable, progress, ratePerSecond, optionOf } from './support/measure';

const ORIGIN = 'mandate-ledger/bench';
const signer = { name: ORIGIN, privateKey: generateKeyPairSync('ed25519').privateKey };
const metadata: CommandMetadata = { now: '2020-01-15T10:00:00Z', actor: { sub: 'bench', role: 'admin' }, correlationId: 'bench-report' };
const eventMetadata: EventMetadata = { actor: metadata.actor, correlationId: metadata.correlationId };

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

/** Decides commands in turn on one stream's state and appends what they decided in one go: decider-produced, fast to load. */
const appendDecided = async <Command, State, Event extends { type: string; schemaVersion: number; data: object }>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  stream: string,
  commands: readonly Command[],
): Promise<void> => {
  let state = decider.initialState();
  const events: Event[] = [];
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  const toAppend = events.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data as JsonObject, metadata: eventMetadata }));
  for (let i = 0; i < toAppend.length; i += 1000) await store.appendToStream(stream, toAppend.slice(i, i + 1000), i === 0 ? 'no_stream' : BigInt(i - 1));
};

const day = (start: string, days: number) => new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A case with `obligations` obligations, each implemented by its own mandate of `eventsPerMandate`
 * events: a grant, a suspension and its reinstatement, then weekly activity reports.
 */
const recordLargeCase = async (store: EventStore, { obligations, eventsPerMandate }: Options): Promise<string> => {
  const caseId = randomUUID();
  const onCase = { complianceCaseId: caseId };
  const caseCommands: ComplianceCaseCommand[] = [openCase(onCase)];
  const links: ComplianceCaseCommand[] = [];
  for (let i = 0; i < obligations; i++) {
    const mandateId = randomUUID();
    const missionType: MissionType = MISSION_TYPES[i % MISSION_TYPES.length];
    const start = day('2017-07-01', i % 60);
    const commands: MandateCommand[] = [
      {
        type: 'GrantMandate',
        data: {
          ...maraudeGrant,
          mandateId,
          instrument: { kind: 'multi_year_agreement', reference: `CPO-2017-62-${String(i).padStart(3, '0')}`, decisionDate: start, signatureDate: start },
          missions: [{ type: missionType, indicators: [{ name: 'people_served', unit: 'persons', target: 100 }] }],
          period: { start, end: '2019-12-31' },
        },
        operator: { status: 'registered' },
        subsidies: [],
        metadata,
      },
      { type: 'SuspendMandate', data: { mandateId, effectiveFrom: day(start, 30), reason: 'bench', decisionReference: `S-${i}` }, metadata },
      { type: 'ReinstateMandate', data: { mandateId, effectiveFrom: day(start, 37), decisionReference: `R-${i}` }, metadata },
    ];
    for (let week = 0; commands.length < eventsPerMandate; week++) {
      commands.push({
        type: 'ReportMandateActivity',
        data: { mandateId, periodStart: day(start, week * 7), periodEnd: day(start, week * 7 + 6), indicators: [{ name: 'people_served', value: 10 + (week % 7) }], staff: { salariedFte: 3 } },
        metadata,
      });
    }
    await appendDecided(store, mandateDecider, mandateStreamName(mandateId), commands);
    const obligationId = `art-${i + 1}`;
    caseCommands.push(addObligation({ ...onCase, obligationId, article: `art. ${i + 1}`, missionType }));
    links.push(linkMeasure({ ...onCase, obligationId, mandateId, effectiveFrom: day(start, 5) }));
    progress('recording the large case', i + 1, obligations);
  }
  await appendDecided(store, complianceCaseDecider, complianceCaseStreamName(caseId), [...caseCommands, recordNotification(onCase), ...links]);
  return caseId;
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
    const large = await recordLargeCase(events, options);
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
          size = (await renderComplianceReport(bundle, format)).bytes.length;
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
  } finally {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
