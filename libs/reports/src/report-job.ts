import { assertMayReadReport, assertMayRequestReports, type Principal } from '@mandate-ledger/application';
import { buildComplianceReport, type ReportSources } from './compliance-report.builder';
import type { ReportRequest } from './compliance-report.content';
import { renderComplianceReport, type RenderedReport, type RenderOptions } from './compliance-report.render';

/** One report to make: what to read, when, for whom (access checked against the case when given), and how to render it. */
export interface ReportJob {
  readonly request: ReportRequest;
  /** The instant the report is made: its `createdAt`, and what `asKnownAt` and the period may not pass. */
  readonly now: string;
  readonly principal?: Principal;
  readonly render: RenderOptions;
}

/** Builds and renders reports: on the caller's thread (the CLI), or on a worker thread (the API: {@link ReportRenderThread}). */
export interface ReportRenderer {
  render(job: ReportJob): Promise<RenderedReport>;
  close(): Promise<void>;
}

/** Reads, proves and renders one report: the whole of a {@link ReportJob}, wherever it runs. */
export const produceReport = async (sources: ReportSources, { request, now, principal, render }: ReportJob): Promise<RenderedReport> => {
  if (principal !== undefined) assertMayRequestReports(principal);
  const authorize = principal === undefined ? undefined : (complianceCase: Parameters<typeof assertMayReadReport>[1]) => assertMayReadReport(principal, complianceCase);
  const bundle = await buildComplianceReport(sources, request, { now, authorize });
  return renderComplianceReport(bundle, render);
};

/** Renders on the caller's thread: for the CLI, whose event loop serves nobody else, tests and benchmarks. */
export class InProcessReportRenderer implements ReportRenderer {
  constructor(private readonly sources: ReportSources) {}

  render(job: ReportJob): Promise<RenderedReport> {
    return produceReport(this.sources, job);
  }

  async close(): Promise<void> {}
}
