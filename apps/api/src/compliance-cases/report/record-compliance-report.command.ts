import { Command } from '@nestjs/cqrs';
import type { IssueComplianceReport } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

/** Records that a report was served: its SHA-256, period, `asKnownAt` and format (`ComplianceReportIssued`). */
export class RecordComplianceReportCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<IssueComplianceReport['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
