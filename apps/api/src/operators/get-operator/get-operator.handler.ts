import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { operatorDecider, operatorStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore, foldStream } from '@mandate-ledger/event-store';
import { assertMayReadOperator } from '@mandate-ledger/application';
import { ProblemError } from '../../http/problem';
import { GetOperatorQuery } from './get-operator.query';
import { type OperatorView, operatorViewOf } from './operator.view';

@QueryHandler(GetOperatorQuery)
export class GetOperatorHandler implements IQueryHandler<GetOperatorQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ operatorId, principal }: GetOperatorQuery): Promise<OperatorView> {
    const events = await this.store.readStream(operatorStreamName(operatorId));
    const operator = foldStream(operatorDecider, events);
    if (operator.status === 'unregistered') throw new ProblemError(404, 'OPERATOR_NOT_FOUND', `No operator ${operatorId}`);
    assertMayReadOperator(principal, operatorId, operator);
    return operatorViewOf(operatorId, events[events.length - 1].revision, operator);
  }
}
