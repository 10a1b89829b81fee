import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { AuditError, buildEvidenceBundle } from '@mandate-ledger/audit';
import { CommandRunner, openApplicationEventStore, type Principal } from '@mandate-ledger/application';
import { isCalendarDate, isDomainError, isInstant, mandateStreamName } from '@mandate-ledger/domain';
import { buildComplianceReport, renderComplianceReport } from '@mandate-ledger/reports';
import { openSigningContext, sealAndCheckpoint, type SigningContext } from './evidence-checkpoint.command';
import { parseArguments } from './verify-support';

const USAGE = 'usage: npm run cli -- evidence --mandate ID [--out FILE]\n       npm run cli -- evidence --case ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--as-known-at INSTANT] [--out FILE]';

/** Who issues a report from the command line: the operator of the server, as an admin. */
export const CLI_ACTOR: Principal = { sub: 'cli', role: 'admin' };

type Request =
  | { readonly kind: 'mandate'; readonly id: string; readonly out?: string }
  | { readonly kind: 'case'; readonly id: string; readonly from?: string; readonly to?: string; readonly asKnownAt?: string; readonly out?: string };

const parse = (args: string[]): Request => {
  const { options, positional } = parseArguments(args, ['mandate', 'case', 'from', 'to', 'as-known-at', 'out']);
  if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]}`);
  const { mandate, case: caseId, from, to, out } = options;
  const asKnownAt = options['as-known-at'];
  if ((mandate === undefined) === (caseId === undefined)) throw new Error('give --mandate or --case');
  if (mandate !== undefined) {
    if (from ?? to ?? asKnownAt) throw new Error('--from, --to and --as-known-at go with --case');
    return { kind: 'mandate', id: mandate.toLowerCase(), out };
  }
  for (const [name, date] of [['from', from], ['to', to]] as const) if (date !== undefined && !isCalendarDate(date)) throw new Error(`--${name} must be a date YYYY-MM-DD`);
  if (asKnownAt !== undefined && !isInstant(asKnownAt)) throw new Error('--as-known-at must be an ISO 8601 instant, e.g. 2018-01-15T09:00:00Z');
  return { kind: 'case', id: caseId!.toLowerCase(), from, to, asKnownAt: asKnownAt === undefined ? undefined : new Date(asKnownAt).toISOString(), out };
};

const write = (json: string, out: string | undefined) => {
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
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

/** The JSON report of a case (the bundle GET /compliance-cases/:id/report serves), then its issuance on the case's stream. */
const caseEvidence = async (context: SigningContext, request: Extract<Request, { kind: 'case' }>): Promise<number> => {
  const now = new Date().toISOString();
  const sources = { events: context.opened.events, log: context.log, vkey: context.config.vkey, checkpoint: () => sealAndCheckpoint(context) };
  const bundle = await buildComplianceReport(sources, { complianceCaseId: request.id, from: request.from, to: request.to, asKnownAt: request.asKnownAt ?? now }, { now });
  const report = await renderComplianceReport(bundle, 'json', { indent: 2 });
  write(report.bytes.toString('utf8'), request.out);
  // Issued through the command path, on the log as the domain reads it (the bundle proves it as stored).
  const store = await openApplicationEventStore(context.store);
  let issued;
  try {
    // The threshold of grants plays no part in issuing a report.
    issued = await new CommandRunner(store, { writtenAgreementThresholdCents: 0 }).run(
      { type: 'IssueComplianceReport', data: { complianceCaseId: request.id, reportSha256: report.sha256, period: report.period, asKnownAt: report.asKnownAt, format: 'json' } },
      { actor: CLI_ACTOR, now: new Date().toISOString(), correlationId: randomUUID() },
    );
  } finally {
    await store.close();
  }
  const content = bundle.attachments.complianceReport;
  console.error(
    `compliance report of case ${request.id}, ${content.period.from} to ${content.period.to} as known at ${content.asKnownAt}: ` +
      `${content.obligations.length} obligations, ${bundle.events.length} events proven in the checkpoint of size ${bundle.checkpoint.treeSize}` +
      `${request.out ? `, written to ${request.out}` : ''}; issued as sha256 ${report.sha256} at position ${issued.position}`,
  );
  return 0;
};

/**
 * `npm run cli -- evidence --mandate ID`: writes an evidence bundle of every event of the mandate
 * (stored form), each with its inclusion proof in one signed checkpoint, and the log's public key:
 * what `verify-bundle` checks offline. Signs a checkpoint first if the latest does not cover them.
 * `--case ID`: the compliance report of the case as JSON (an evidence bundle carrying the report),
 * recorded as issued (`ComplianceReportIssued`) like one served over HTTP.
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
