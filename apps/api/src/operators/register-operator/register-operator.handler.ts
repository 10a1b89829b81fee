import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { operatorDecider, type OperatorState, operatorStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { assertMayManageOperator, assertMayRecordIn } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf, runDecision } from '../../shared/run-decision';
import { RegisterOperatorCommand } from './register-operator.command';

@CommandHandler(RegisterOperatorCommand)
export class RegisterOperatorHandler implements ICommandHandler<RegisterOperatorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ operatorId, details, context }: RegisterOperatorCommand): Promise<WriteResult> {
    // An officer registers operators active in its own départements.
    assertMayRecordIn(context.principal, details.departements, 'This operator');
    const command = { type: 'RegisterOperator', data: { ...details, operatorId }, metadata: commandMetadataOf(context) } as const;
    // An operator already registered under this id (a replay of this registration) is also checked as it was recorded.
    return runDecision(this.store, operatorDecider, { id: operatorId, stream: operatorStreamName(operatorId) }, command, context, (state: OperatorState) => {
      if (state.status !== 'unregistered') assertMayManageOperator(context.principal, state);
    });
  }
}
