import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { RenderedReport } from '@mandate-ledger/reports';
import { Metrics } from '../../operations/metrics';
import { BuildComplianceReportQuery } from './build-compliance-report.query';
import { asReportProblem, REPORT_RENDERER, type ReportRenderer } from './report-runtime';

/** Builds, proves and renders a preview on the report thread: access is checked there against the case. */
@QueryHandler(BuildComplianceReportQuery)
export class BuildComplianceReportHandler implements IQueryHandler<BuildComplianceReportQuery> {
  constructor(
    @Inject(REPORT_RENDERER) private readonly renderer: ReportRenderer,
    private readonly metrics: Metrics,
  ) {}

  async execute({ complianceCaseId, principal, request, now }: BuildComplianceReportQuery): Promise<RenderedReport> {
    const { from, to, asKnownAt, format, csvDialect, signatory } = request;
    try {
      const timer = this.metrics.reportDuration.startTimer({ format });
      const rendered = await this.renderer.render({ request: { complianceCaseId, from, to, asKnownAt }, now, principal, render: { format, csvDialect, document: { signatory } } });
      timer();
      return rendered;
    } catch (error) {
      throw asReportProblem(error);
    }
  }
}
