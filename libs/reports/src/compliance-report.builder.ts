import { type AuditLog, buildEvidenceBundle, type EvidenceBundle } from '@mandate-ledger/audit';
import { complianceCaseStreamName, dateInFuture, mandateStreamName, operatorStreamName, type OpenedComplianceCase } from '@mandate-ledger/domain';
import type { EventStore, StoredEvent } from '@mandate-ledger/event-store';
import {
  complianceCaseOf,
  type ComplianceReportContent,
  complianceReportOf,
  endsInFuture,
  knownAt,
  linkedMandateIds,
  operatorIdsOf,
  reportNotFound,
  type ReportRequest,
  reportStreams,
  resolvePeriod,
} from './compliance-report.content';
import type { ReportDocument } from './report-document';

/** An evidence bundle whose `attachments.complianceReport` is the report's content (and, once rendered as JSON, `document` the document around it). */
export type ComplianceReportBundle = EvidenceBundle & {
  readonly attachments: { readonly complianceReport: ComplianceReportContent; readonly document?: ReportDocument };
};

/** Where a report is read from and proven in: the server's audit runtime, or the CLI's signing context. */
export interface ReportSources {
  /** The event log in stored form (no upcasters): the bundle cites these events as they were sealed. */
  readonly events: EventStore;
  readonly log: AuditLog;
  /** The log's verifier key, handed to the reader. */
  readonly vkey: string;
  /** Seals what was appended and signs a checkpoint if the tree grew, so that it covers every cited event. */
  readonly checkpoint: () => Promise<unknown>;
}

export interface BuildOptions {
  /** The instant the report is made: its `createdAt`, and what `asKnownAt` and the period may not pass. */
  readonly now: string;
  /** Refuses the caller (access rules), given the case as it stands now. */
  readonly authorize?: (complianceCase: OpenedComplianceCase) => void;
}

/**
 * Reads the case stream and every linked mandate's stream, keeps the events recorded up to
 * `asKnownAt`, computes the report, and proves each of those events in one signed checkpoint.
 * Refuses a case unknown (even as known at `asKnownAt`: 404), an `asKnownAt` or a period end in
 * the future (`DATE_IN_FUTURE`), a period ending before it starts (`INVALID_PERIOD`).
 */
export const buildComplianceReport = async (sources: ReportSources, request: ReportRequest, { now, authorize }: BuildOptions): Promise<ComplianceReportBundle> => {
  if (Date.parse(request.asKnownAt) > Date.parse(now)) throw dateInFuture('asKnownAt', request.asKnownAt);
  const caseEvents = await sources.events.readStream(complianceCaseStreamName(request.complianceCaseId));
  const current = complianceCaseOf(caseEvents);
  if (current === undefined) throw reportNotFound(request.complianceCaseId, request.asKnownAt);
  authorize?.(current);

  const knownCaseEvents = knownAt(caseEvents, request.asKnownAt);
  const complianceCase = complianceCaseOf(knownCaseEvents);
  if (complianceCase === undefined) throw reportNotFound(request.complianceCaseId, request.asKnownAt);
  const period = resolvePeriod(complianceCase, request);
  if (endsInFuture(period, now)) throw dateInFuture('to', period.to);

  const mandateEvents = new Map<string, StoredEvent[]>();
  for (const mandateId of linkedMandateIds(complianceCase)) {
    mandateEvents.set(mandateId, knownAt(await sources.events.readStream(mandateStreamName(mandateId)), request.asKnownAt));
  }
  const operatorIds = operatorIdsOf(mandateEvents);
  const operatorEvents = new Map<string, StoredEvent[]>();
  for (const operatorId of operatorIds) {
    operatorEvents.set(operatorId, knownAt(await sources.events.readStream(operatorStreamName(operatorId)), request.asKnownAt));
  }
  const content = complianceReportOf({ complianceCase, mandateEvents, operatorEvents, period, asKnownAt: request.asKnownAt });

  const cited = [...knownCaseEvents, ...[...mandateEvents.values()].flat(), ...[...operatorEvents.values()].flat()].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  await sources.checkpoint();
  const bundle = await buildEvidenceBundle(sources.log, {
    subject: { kind: 'compliance_case', id: complianceCase.complianceCaseId, completeStreams: reportStreams(complianceCase, [...operatorEvents.keys()].filter((id) => operatorEvents.get(id)!.length > 0)) },
    events: cited,
    vkey: sources.vkey,
    clock: () => new Date(now),
  });
  return { ...bundle, attachments: { complianceReport: content } };
};
