import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { RecordComplianceNotificationCommand } from './record-compliance-notification.command';

@CommandHandler(RecordComplianceNotificationCommand)
export class RecordComplianceNotificationHandler implements ICommandHandler<RecordComplianceNotificationCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: RecordComplianceNotificationCommand): Promise<WriteResult> {
    const command = { type: 'RecordComplianceNotification', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
