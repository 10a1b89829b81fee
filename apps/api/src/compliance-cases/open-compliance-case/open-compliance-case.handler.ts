import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { OpenComplianceCaseCommand } from './open-compliance-case.command';

@CommandHandler(OpenComplianceCaseCommand)
export class OpenComplianceCaseHandler implements ICommandHandler<OpenComplianceCaseCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: OpenComplianceCaseCommand): Promise<WriteResult> {
    const command = { type: 'OpenComplianceCase', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
