import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { AttachComplianceEvidenceCommand } from './attach-compliance-evidence.command';

@CommandHandler(AttachComplianceEvidenceCommand)
export class AttachComplianceEvidenceHandler implements ICommandHandler<AttachComplianceEvidenceCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: AttachComplianceEvidenceCommand): Promise<WriteResult> {
    const command = { type: 'AttachComplianceEvidence', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
