import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { RecordComplianceAppealCommand } from './record-compliance-appeal.command';

@CommandHandler(RecordComplianceAppealCommand)
export class RecordComplianceAppealHandler implements ICommandHandler<RecordComplianceAppealCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: RecordComplianceAppealCommand): Promise<WriteResult> {
    const command = { type: 'RecordComplianceAppeal', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
