import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { fetchIssuedReport, type IssuedReportFile, ReportArchiveError } from '@mandate-ledger/reports';
import { ProblemError } from '../../http/problem';
import { FetchIssuedReportQuery } from './fetch-issued-report.query';
import { REPORT_ARCHIVE, type ReportArchive } from './report-runtime';

@QueryHandler(FetchIssuedReportQuery)
export class FetchIssuedReportHandler implements IQueryHandler<FetchIssuedReportQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REPORT_ARCHIVE) private readonly archive: ReportArchive,
  ) {}

  async execute({ complianceCaseId, reportId, principal }: FetchIssuedReportQuery): Promise<IssuedReportFile> {
    try {
      return await fetchIssuedReport(this.store, this.archive, { complianceCaseId, reportId, principal });
    } catch (error) {
      if (error instanceof ReportArchiveError) throw new ProblemError(500, error.code, error.message);
      throw error;
    }
  }
}
