import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertMayAmendTerritory, assertMayDecideOn } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { MandateDecisions } from '../mandate-decisions';
import { AmendMandateCommand } from './amend-mandate.command';

@CommandHandler(AmendMandateCommand)
export class AmendMandateHandler implements ICommandHandler<AmendMandateCommand> {
  constructor(private readonly decisions: MandateDecisions) {}

  execute({ mandateId, data, context }: AmendMandateCommand): Promise<WriteResult> {
    const command = { type: 'AmendMandate', data: { ...data, mandateId }, metadata: commandMetadataOf(context) } as const;
    const territory = data.changes.territory;
    return this.decisions.run(mandateId, command, context, (principal, mandate) =>
      territory ? assertMayAmendTerritory(principal, mandate, territory.departement) : assertMayDecideOn(principal, mandate),
    );
  }
}
