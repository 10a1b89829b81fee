import { Command } from '@nestjs/cqrs';
import type { RequestComplianceReview } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class RequestComplianceReviewCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<RequestComplianceReview['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
