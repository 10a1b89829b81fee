import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { CloseComplianceCaseCommand } from './close-compliance-case.command';

@CommandHandler(CloseComplianceCaseCommand)
export class CloseComplianceCaseHandler implements ICommandHandler<CloseComplianceCaseCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: CloseComplianceCaseCommand): Promise<WriteResult> {
    const command = { type: 'CloseComplianceCase', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
