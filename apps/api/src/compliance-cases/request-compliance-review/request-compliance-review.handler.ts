import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { RequestComplianceReviewCommand } from './request-compliance-review.command';

@CommandHandler(RequestComplianceReviewCommand)
export class RequestComplianceReviewHandler implements ICommandHandler<RequestComplianceReviewCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: RequestComplianceReviewCommand): Promise<WriteResult> {
    const command = { type: 'RequestComplianceReview', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
