import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { operatorDecider, type OperatorState, operatorStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { assertMayManageOperator } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf, runDecision } from '../../shared/run-decision';
import { DeregisterOperatorCommand } from './deregister-operator.command';

@CommandHandler(DeregisterOperatorCommand)
export class DeregisterOperatorHandler implements ICommandHandler<DeregisterOperatorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ operatorId, data, context }: DeregisterOperatorCommand): Promise<WriteResult> {
    const command = { type: 'DeregisterOperator', data: { ...data, operatorId }, metadata: commandMetadataOf(context) } as const;
    const target = { id: operatorId, stream: operatorStreamName(operatorId) };
    return runDecision(this.store, operatorDecider, target, command, context, (state: OperatorState) => {
      if (state.status !== 'unregistered') assertMayManageOperator(context.principal, state);
    });
  }
}
