import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { MarkComplianceObligationSatisfiedCommand } from './mark-compliance-obligation-satisfied.command';

@CommandHandler(MarkComplianceObligationSatisfiedCommand)
export class MarkComplianceObligationSatisfiedHandler implements ICommandHandler<MarkComplianceObligationSatisfiedCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: MarkComplianceObligationSatisfiedCommand): Promise<WriteResult> {
    const command = { type: 'MarkComplianceObligationSatisfied', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
