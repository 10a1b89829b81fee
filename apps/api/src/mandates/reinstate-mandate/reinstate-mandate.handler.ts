import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertMayDecideOn } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { MandateDecisions } from '../mandate-decisions';
import { ReinstateMandateCommand } from './reinstate-mandate.command';

@CommandHandler(ReinstateMandateCommand)
export class ReinstateMandateHandler implements ICommandHandler<ReinstateMandateCommand> {
  constructor(private readonly decisions: MandateDecisions) {}

  execute({ mandateId, data, context }: ReinstateMandateCommand): Promise<WriteResult> {
    const command = { type: 'ReinstateMandate', data: { ...data, mandateId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(mandateId, command, context, assertMayDecideOn);
  }
}
