import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { AuditError, buildEvidenceBundle } from '@mandate-ledger/audit';
import { CommandRunner, openApplicationEventStore, type Principal } from '@mandate-ledger/application';
import {
  CSV_DIALECTS,
  type CsvDialect,
  isCalendarDate,
  isDomainError,
  isInstant,
  mandateStreamName,
  REPORT_FORMATS,
  type ReportFormat,
  type Signatory,
} from '@mandate-ledger/domain';
import { type ComplianceReportBundle, InProcessReportRenderer, issueComplianceReport, openReportArchive } from '@mandate-ledger/reports';
import { openSigningContext, sealAndCheckpoint, type SigningContext } from './evidence-checkpoint.command';
import { parseArguments } from './verify-support';

const USAGE =
  'usage: npm run cli -- evidence --mandate ID [--out FILE]\n' +
  '       npm run cli -- evidence --case ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--as-known-at INSTANT] [--format json|csv|pdf] [--csv rfc4180|excel-fr]\n' +
  '                               [--signed-at PLACE --signed-by NAME --signatory-quality QUALITY] [--out FILE]';

/** Who issues a report from the command line: the operator of the server, as an admin. */
export const CLI_ACTOR: Principal = { sub: 'cli', role: 'admin' };

type Request =
  | { readonly kind: 'mandate'; readonly id: string; readonly out?: string }
  | {
      readonly kind: 'case';
      readonly id: string;
      readonly from?: string;
      readonly to?: string;
      readonly asKnownAt?: string;
      readonly format: ReportFormat;
      readonly csvDialect?: CsvDialect;
      readonly signatory?: Signatory;
      readonly out?: string;
    };

const parse = (args: string[]): Request => {
  const { options, positional } = parseArguments(args, [
    'mandate', 'case', 'from', 'to', 'as-known-at', 'format', 'csv', 'signed-at', 'signed-by', 'signatory-quality', 'out',
  ]);
  if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]}`);
  const { mandate, case: caseId, from, to, out } = options;
  const asKnownAt = options['as-known-at'];
  if ((mandate === undefined) === (caseId === undefined)) throw new Error('give --mandate or --case');
  const caseOnly = [from, to, asKnownAt, options.format, options.csv, options['signed-at'], options['signed-by'], options['signatory-quality']];
  if (mandate !== undefined) {
    if (caseOnly.some((option) => option !== undefined)) throw new Error('--from, --to, --as-known-at, --format, --csv and the signatory go with --case');
    return { kind: 'mandate', id: mandate.toLowerCase(), out };
  }
  for (const [name, date] of [['from', from], ['to', to]] as const) if (date !== undefined && !isCalendarDate(date)) throw new Error(`--${name} must be a date YYYY-MM-DD`);
  if (asKnownAt !== undefined && !isInstant(asKnownAt)) throw new Error('--as-known-at must be an ISO 8601 instant, e.g. 2018-01-15T09:00:00Z');
  const format = (options.format ?? 'json') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new Error(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const csvDialect = options.csv as CsvDialect | undefined;
  if (csvDialect !== undefined && (format !== 'csv' || !CSV_DIALECTS.includes(csvDialect))) throw new Error(`--csv goes with --format csv, as one of ${CSV_DIALECTS.join(', ')}`);
  const [place, name, quality] = [options['signed-at'], options['signed-by'], options['signatory-quality']];
  if ((place === undefined) !== (name === undefined) || (name === undefined) !== (quality === undefined)) throw new Error('--signed-at, --signed-by and --signatory-quality go together');
  return {
    kind: 'case',
    id: caseId!.toLowerCase(),
    from,
    to,
    asKnownAt: asKnownAt === undefined ? undefined : new Date(asKnownAt).toISOString(),
    format,
    csvDialect,
    signatory: place === undefined ? undefined : { place, name: name!, quality: quality! },
    out,
  };
};

const write = (bytes: string | Buffer, out: string | undefined) => {
  if (out) writeFileSync(out, bytes);
  else process.stdout.write(bytes);
};

const mandateEvidence = async (context: SigningContext, mandateId: string, out: string | undefined): Promise<number> => {
  const stream = mandateStreamName(mandateId);
  const events = await context.opened.events.readStream(stream);
  if (events.length === 0) {
    console.error(`no mandate ${mandateId} in the log`);
    return 1;
  }
  await sealAndCheckpoint(context);
  const bundle = await buildEvidenceBundle(context.log, {
    subject: { kind: 'mandate', id: mandateId, completeStreams: [stream] },
    events,
    vkey: context.config.vkey,
  });
  write(`${JSON.stringify(bundle, null, 2)}\n`, out);
  console.error(`evidence for mandate ${mandateId}: ${events.length} events proven in the checkpoint of size ${bundle.checkpoint.treeSize}${out ? `, written to ${out}` : ''}`);
  return 0;
};

/**
 * Issues the report of a case through the same path as `POST /compliance-cases/:id/reports` (rendered
 * here: the CLI's event loop serves nobody else), writes its bytes, kept in the archive beside the log.
 */
const caseEvidence = async (context: SigningContext, request: Extract<Request, { kind: 'case' }>): Promise<number> => {
  const now = new Date().toISOString();
  const sources = { events: context.opened.events, log: context.log, vkey: context.config.vkey, checkpoint: () => sealAndCheckpoint(context) };
  // Issued through the command path, on the log as the domain reads it (the bundle proves it as stored).
  const store = await openApplicationEventStore(context.store);
  const archive = await openReportArchive(context.store);
  try {
    // The threshold of grants plays no part in issuing a report.
    const runner = new CommandRunner(store, { writtenAgreementThresholdCents: 0 });
    const commandContext = { actor: CLI_ACTOR, now, correlationId: randomUUID() };
    const { reportId, report, result } = await issueComplianceReport(
      { renderer: new InProcessReportRenderer(sources), archive, run: (command) => runner.run(command, commandContext) },
      {
        complianceCaseId: request.id,
        from: request.from,
        to: request.to,
        asKnownAt: request.asKnownAt ?? now,
        format: request.format,
        ...(request.csvDialect && { csvDialect: request.csvDialect }),
        ...(request.signatory && { signatory: request.signatory }),
      },
      { actor: CLI_ACTOR, now },
    );
    write(report.bytes, request.out);
    const figures =
      report.format === 'json'
        ? (({ attachments, events }: ComplianceReportBundle) => `${attachments.complianceReport.obligations.length} obligations, ${events.length} events proven; `)(
            JSON.parse(report.bytes.toString('utf8')) as ComplianceReportBundle,
          )
        : '';
    console.error(
      `compliance report of case ${request.id}, ${report.period.from} to ${report.period.to} as known at ${report.asKnownAt} (${report.format}): ${figures}` +
        `issued as report ${reportId}, sha256 ${report.sha256}, at position ${result.position}${request.out ? `, written to ${request.out}` : ''}`,
    );
    return 0;
  } finally {
    await archive.close();
    await store.close();
  }
};

/**
 * `npm run cli -- evidence --mandate ID`: writes an evidence bundle of every event of the mandate
 * (stored form), each with its inclusion proof in one signed checkpoint, and the log's public key:
 * what `verify-bundle` checks offline. Signs a checkpoint first if the latest does not cover them.
 * `--case ID`: issues the compliance report of the case (JSON by default: an evidence bundle
 * carrying the report), recorded as `ComplianceReportIssued` on its own stream and its bytes kept,
 * as `POST /compliance-cases/:id/reports` does.
 */
export const runEvidence = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let request: Request;
  try {
    request = parse(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const context = await openSigningContext(env);
  try {
    return request.kind === 'mandate' ? await mandateEvidence(context, request.id, request.out) : await caseEvidence(context, request);
  } catch (error) {
    if (error instanceof AuditError) console.error(`✗ ${error.code}: ${error.message}`);
    else if (isDomainError(error)) console.error(`✗ ${error.code}: ${error.message}`);
    else throw error;
    return 1;
  } finally {
    await context.opened.close();
  }
};
