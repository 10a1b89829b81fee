import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { operatorDecider, type OperatorState, operatorStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { assertMayChangeOperatorDepartements, assertMayManageOperator } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf, runDecision } from '../../shared/run-decision';
import { UpdateOperatorCommand } from './update-operator.command';

@CommandHandler(UpdateOperatorCommand)
export class UpdateOperatorHandler implements ICommandHandler<UpdateOperatorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ operatorId, changes, context }: UpdateOperatorCommand): Promise<WriteResult> {
    const command = { type: 'UpdateOperatorDetails', data: { operatorId, changes }, metadata: commandMetadataOf(context) } as const;
    const target = { id: operatorId, stream: operatorStreamName(operatorId) };
    return runDecision(this.store, operatorDecider, target, command, context, (state: OperatorState) => {
      if (state.status === 'unregistered') return;
      assertMayManageOperator(context.principal, state);
      if (changes.departements) assertMayChangeOperatorDepartements(context.principal, state, changes.departements);
    });
  }
}
