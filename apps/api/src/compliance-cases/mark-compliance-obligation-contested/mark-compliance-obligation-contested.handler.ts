import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { MarkComplianceObligationContestedCommand } from './mark-compliance-obligation-contested.command';

@CommandHandler(MarkComplianceObligationContestedCommand)
export class MarkComplianceObligationContestedHandler implements ICommandHandler<MarkComplianceObligationContestedCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  execute({ complianceCaseId, data, context }: MarkComplianceObligationContestedCommand): Promise<WriteResult> {
    const command = { type: 'MarkComplianceObligationContested', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(complianceCaseId, command, context);
  }
}
