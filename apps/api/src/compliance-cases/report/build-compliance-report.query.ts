import { Query } from '@nestjs/cqrs';
import type { CsvDialect, ReportFormat, Signatory } from '@mandate-ledger/domain';
import type { Principal } from '../../auth/principal';
import type { RenderedReport } from '@mandate-ledger/reports';

/** A preview of the report (PROJET): built, proven and rendered, recorded nowhere. */
export class BuildComplianceReportQuery extends Query<RenderedReport> {
  constructor(
    readonly complianceCaseId: string,
    readonly principal: Principal,
    readonly request: {
      readonly from?: string;
      readonly to?: string;
      readonly asKnownAt: string;
      readonly format: ReportFormat;
      readonly csvDialect?: CsvDialect;
      readonly signatory?: Signatory;
    },
    /** When the request was received: the report's `createdAt`. */
    readonly now: string,
  ) {
    super();
  }
}
