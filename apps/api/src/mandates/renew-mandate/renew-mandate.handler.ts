import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertMayDecideOn } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { MandateDecisions } from '../mandate-decisions';
import { RenewMandateCommand } from './renew-mandate.command';

@CommandHandler(RenewMandateCommand)
export class RenewMandateHandler implements ICommandHandler<RenewMandateCommand> {
  constructor(private readonly decisions: MandateDecisions) {}

  execute({ mandateId, data, context }: RenewMandateCommand): Promise<WriteResult> {
    const command = { type: 'RenewMandate', data: { ...data, mandateId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(mandateId, command, context, assertMayDecideOn);
  }
}
