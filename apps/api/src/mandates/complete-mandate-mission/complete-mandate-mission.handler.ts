import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertMayReportOn } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { MandateDecisions } from '../mandate-decisions';
import { CompleteMandateMissionCommand } from './complete-mandate-mission.command';

@CommandHandler(CompleteMandateMissionCommand)
export class CompleteMandateMissionHandler implements ICommandHandler<CompleteMandateMissionCommand> {
  constructor(private readonly decisions: MandateDecisions) {}

  execute({ mandateId, data, context }: CompleteMandateMissionCommand): Promise<WriteResult> {
    const command = { type: 'CompleteMandateMission', data: { ...data, mandateId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(mandateId, command, context, assertMayReportOn);
  }
}
