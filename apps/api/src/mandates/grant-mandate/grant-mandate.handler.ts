import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { operatorDecider, operatorStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore, foldStream } from '@mandate-ledger/event-store';
import { assertMayDecideOn, assertMayRecordIn } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { MandateDecisions } from '../mandate-decisions';
import { GrantMandateCommand } from './grant-mandate.command';

@CommandHandler(GrantMandateCommand)
export class GrantMandateHandler implements ICommandHandler<GrantMandateCommand> {
  constructor(
    private readonly decisions: MandateDecisions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ mandateId, data, context }: GrantMandateCommand): Promise<WriteResult> {
    assertMayRecordIn(context.principal, [data.territory.departement, data.authority.departement], 'This mandate');
    // The decider reads nothing: the operator's status is read here and passed in.
    const operator = foldStream(operatorDecider, await this.store.readStream(operatorStreamName(data.operatorId)));
    const command = {
      type: 'GrantMandate',
      data: { ...data, mandateId },
      operator: { status: operator.status },
      metadata: commandMetadataOf(context),
    } as const;
    // A mandate already granted under this id (a replay of this grant) is also checked as it was recorded.
    return this.decisions.run(mandateId, command, context, assertMayDecideOn);
  }
}
