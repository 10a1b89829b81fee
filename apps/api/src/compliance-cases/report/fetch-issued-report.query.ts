import { Query } from '@nestjs/cqrs';
import type { IssuedReportFile } from '@mandate-ledger/reports';
import type { Principal } from '../../auth/principal';

/** The bytes of an issued report, as issued. */
export class FetchIssuedReportQuery extends Query<IssuedReportFile> {
  constructor(
    readonly complianceCaseId: string,
    readonly reportId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
