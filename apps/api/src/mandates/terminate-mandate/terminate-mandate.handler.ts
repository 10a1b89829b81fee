import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertMayDecideOn } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { MandateDecisions } from '../mandate-decisions';
import { TerminateMandateCommand } from './terminate-mandate.command';

@CommandHandler(TerminateMandateCommand)
export class TerminateMandateHandler implements ICommandHandler<TerminateMandateCommand> {
  constructor(private readonly decisions: MandateDecisions) {}

  execute({ mandateId, data, context }: TerminateMandateCommand): Promise<WriteResult> {
    const command = { type: 'TerminateMandate', data: { ...data, mandateId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(mandateId, command, context, assertMayDecideOn);
  }
}
