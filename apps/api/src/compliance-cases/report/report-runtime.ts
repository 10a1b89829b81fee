import { AuditError } from '@mandate-ledger/audit';
import type { ReportArchive, ReportRenderer } from '@mandate-ledger/reports';
import { ProblemError } from '../../http/problem';

/** Injection token of the {@link ReportRenderer}: a worker thread in the API. */
export const REPORT_RENDERER = Symbol('REPORT_RENDERER');
/** Injection token of the {@link ReportArchive} of issued reports' bytes. */
export const REPORT_ARCHIVE = Symbol('REPORT_ARCHIVE');

export type { ReportArchive, ReportRenderer };

/**
 * A report's cited events must be in a signed checkpoint: when another replica is the sealer and
 * has not sealed them yet, 503 to retry; a stored event that no longer matches its leaf, 500.
 */
export const asReportProblem = (error: unknown): unknown => {
  if (!(error instanceof AuditError)) return error;
  if (error.code === 'LEAF_MISMATCH') return new ProblemError(500, error.code, error.message);
  return new ProblemError(503, error.code, `The cited events are not yet in a signed checkpoint: ${error.message}`, undefined, { 'Retry-After': '1' });
};
