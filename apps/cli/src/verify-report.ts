import { complianceCaseStreamName, isDomainError, mandateStreamName, operatorStreamName } from '@mandate-ledger/domain';
import type { EvidenceBundle } from '../../../libs/audit/src/evidence-bundle';
import {
  COMPLIANCE_REPORT_FORMAT,
  COMPLIANCE_REPORT_VERSION,
  type ComplianceReportContent,
  complianceReportFromEvents,
} from '../../../libs/reports/src/compliance-report.content';

// The second half of `verify-bundle` for a compliance report: once the bundle's events are proven,
// recompute the report from them alone and compare. Offline like the bundle verifier: the domain's
// pure functions and the report's content module, no store, no network (checked by dependency-cruiser).

/** Either how many figures were recomputed, or every difference (path, the report's value, the events'). */
export type ReportVerification =
  | { readonly ok: true; readonly obligations: number; readonly mandates: number; readonly events: number }
  | { readonly ok: false; readonly kind: 'MALFORMED_REPORT' | 'REPORT_MISMATCH'; readonly differences: readonly string[] };

/** Whether the bundle carries a compliance report to recompute. */
export const carriesComplianceReport = (bundle: EvidenceBundle): boolean =>
  bundle.subject.kind === 'compliance_case' || (bundle.attachments !== undefined && 'complianceReport' in bundle.attachments);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/** Elements of a list named by their id where they have one (`obligations[art-2]`, `penalties[obligation:art-2]`), else by index. */
const keyOf = (item: unknown, index: number): string => {
  if (isObject(item)) for (const key of ['obligationId', 'mandateId', 'penaltyId', 'reviewId']) if (typeof item[key] === 'string') return item[key] as string;
  return String(index);
};

/** Every path where `claimed` and `recomputed` differ, depth first, in the recomputed order. */
export const differencesBetween = (claimed: unknown, recomputed: unknown, path = 'report'): string[] => {
  if (Array.isArray(claimed) && Array.isArray(recomputed)) {
    const keys = recomputed.map(keyOf);
    const claimedKeys = claimed.map(keyOf);
    if (keys.join('\u0000') !== claimedKeys.join('\u0000')) {
      return [`${path}: the report lists ${show(claimedKeys)}, the events give ${show(keys)}`];
    }
    return recomputed.flatMap((item, i) => differencesBetween(claimed[i], item, `${path}[${keys[i]}]`));
  }
  if (isObject(claimed) && isObject(recomputed)) {
    const members = [...new Set([...Object.keys(recomputed), ...Object.keys(claimed)])];
    return members.flatMap((member) => differencesBetween(claimed[member], recomputed[member], `${path}.${member}`));
  }
  return Object.is(claimed, recomputed) ? [] : [`${path}: the report says ${show(claimed)}, the events give ${show(recomputed)}`];
};

/**
 * Recomputes the report attached to a bundle whose proofs were checked, from the bundle's events
 * alone (the case stream and each linked mandate's, filtered on the report's `asKnownAt`, with the
 * report's own period), and names every figure that differs. Also refuses a report whose case or
 * linked mandates are not among the streams the bundle claims complete: their events could be partial.
 */
export const verifyComplianceReport = (bundle: EvidenceBundle): ReportVerification => {
  const malformed = (why: string): ReportVerification => ({ ok: false, kind: 'MALFORMED_REPORT', differences: [why] });
  const claimed = bundle.attachments?.complianceReport;
  if (!isObject(claimed) || claimed.format !== COMPLIANCE_REPORT_FORMAT) return malformed(`attachments.complianceReport is not a ${COMPLIANCE_REPORT_FORMAT}`);
  // An earlier version was computed by earlier counting rules: today's figures would differ from it without anything being wrong.
  if (claimed.version !== COMPLIANCE_REPORT_VERSION) {
    return malformed(`the report is a ${COMPLIANCE_REPORT_FORMAT} version ${show(claimed.version)}; this verifier recomputes version ${COMPLIANCE_REPORT_VERSION} only`);
  }
  const report = claimed as unknown as ComplianceReportContent;
  if (typeof report.complianceCaseId !== 'string' || !isObject(report.period) || typeof report.asKnownAt !== 'string' || Number.isNaN(Date.parse(report.asKnownAt))) {
    return malformed('the report needs complianceCaseId, period and asKnownAt');
  }
  if (bundle.subject.kind !== 'compliance_case' || bundle.subject.id !== report.complianceCaseId) {
    return malformed(`the bundle is about ${bundle.subject.kind} ${bundle.subject.id}, the report about compliance case ${report.complianceCaseId}`);
  }
  let recomputed: ComplianceReportContent;
  try {
    recomputed = complianceReportFromEvents(
      bundle.events.map(({ envelope }) => envelope),
      { complianceCaseId: report.complianceCaseId, period: report.period, asKnownAt: report.asKnownAt },
    );
  } catch (error) {
    // The events are proven by now: a refusal means the report rests on events that cannot give it.
    const why = isDomainError(error) ? `${error.code}: ${error.message}` : String(error);
    return { ok: false, kind: 'REPORT_MISMATCH', differences: [`the events do not give a report: ${why}`] };
  }
  const complete = new Set(bundle.subject.completeStreams);
  const needed = [
    complianceCaseStreamName(report.complianceCaseId),
    ...recomputed.mandates.map(({ mandateId }) => mandateStreamName(mandateId)),
    // An operator's name is a figure too; an operator with no event as known then has no stream to claim.
    ...recomputed.mandates.filter(({ operatorName }) => operatorName !== null).map(({ operatorId }) => operatorStreamName(operatorId)),
  ];
  const partial = needed.filter((stream) => !complete.has(stream));
  if (partial.length > 0) return malformed(`the bundle does not claim in full the streams the report relies on: ${partial.join(', ')}`);
  // Compared as JSON, as the report travels.
  const differences = differencesBetween(claimed, JSON.parse(JSON.stringify(recomputed)));
  if (differences.length > 0) return { ok: false, kind: 'REPORT_MISMATCH', differences };
  return { ok: true, obligations: recomputed.obligations.length, mandates: recomputed.mandates.length, events: bundle.events.length };
};
