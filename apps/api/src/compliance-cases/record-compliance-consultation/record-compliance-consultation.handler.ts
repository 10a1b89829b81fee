import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { RecordComplianceConsultationCommand } from './record-compliance-consultation.command';

@CommandHandler(RecordComplianceConsultationCommand)
export class RecordComplianceConsultationHandler implements ICommandHandler<RecordComplianceConsultationCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: RecordComplianceConsultationCommand): Promise<WriteResult> {
    const command = { type: 'RecordComplianceConsultation', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
