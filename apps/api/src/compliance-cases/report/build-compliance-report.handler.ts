import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuditError } from '@mandate-ledger/audit';
import { AuditRuntime } from '../../audit/audit-runtime';
import { ProblemError } from '../../http/problem';
import { Metrics } from '../../operations/metrics';
import { buildComplianceReport, renderComplianceReport, type RenderedReport } from '@mandate-ledger/reports';
import { BuildComplianceReportQuery } from './build-compliance-report.query';
import { assertMayReadReport, assertMayRequestReports } from '@mandate-ledger/application';

/**
 * Builds the report from the log in stored form, proven in a checkpoint signed on demand. When
 * another replica is the sealer and has not sealed the cited events yet, answers 503 to retry.
 */
@QueryHandler(BuildComplianceReportQuery)
export class BuildComplianceReportHandler implements IQueryHandler<BuildComplianceReportQuery> {
  constructor(
    private readonly audit: AuditRuntime,
    private readonly metrics: Metrics,
  ) {}

  async execute({ complianceCaseId, principal, request, now }: BuildComplianceReportQuery): Promise<RenderedReport> {
    assertMayRequestReports(principal);
    const sources = { events: this.audit.storedEvents, log: this.audit.log, vkey: this.audit.config.vkey, checkpoint: () => this.audit.checkpointNow() };
    try {
      const timer = this.metrics.reportDuration.startTimer({ format: request.format });
      const bundle = await buildComplianceReport(sources, { complianceCaseId, ...request }, { now, authorize: (state) => assertMayReadReport(principal, state) });
      const rendered = await renderComplianceReport(bundle, request.format);
      timer();
      return rendered;
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      if (error.code === 'LEAF_MISMATCH') throw new ProblemError(500, error.code, error.message);
      throw new ProblemError(503, error.code, `The cited events are not yet in a signed checkpoint: ${error.message}`, undefined, { 'Retry-After': '1' });
    }
  }
}
