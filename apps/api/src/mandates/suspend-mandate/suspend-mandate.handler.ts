import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertMayDecideOn } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { MandateDecisions } from '../mandate-decisions';
import { SuspendMandateCommand } from './suspend-mandate.command';

@CommandHandler(SuspendMandateCommand)
export class SuspendMandateHandler implements ICommandHandler<SuspendMandateCommand> {
  constructor(private readonly decisions: MandateDecisions) {}

  execute({ mandateId, data, context }: SuspendMandateCommand): Promise<WriteResult> {
    const command = { type: 'SuspendMandate', data: { ...data, mandateId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(mandateId, command, context, assertMayDecideOn);
  }
}
