import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { LiquidateCompliancePenaltyCommand } from './liquidate-compliance-penalty.command';

@CommandHandler(LiquidateCompliancePenaltyCommand)
export class LiquidateCompliancePenaltyHandler implements ICommandHandler<LiquidateCompliancePenaltyCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: LiquidateCompliancePenaltyCommand): Promise<WriteResult> {
    const command = { type: 'LiquidateCompliancePenalty', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
