import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { findOperator, historyProjection, operatorsProjection, queryHistory } from '@mandate-ledger/projections';
import { assertMayReadOperator } from '@mandate-ledger/application';
import { ProblemError } from '../../http/problem';
import { ReadModels } from '../../read-models/read-models.service';
import type { HistoryEntry } from '../../shared/history';
import { OperatorHistoryQuery } from './operator-history.query';

/** The decisions on an operator's own stream, from the history read model; access checked on the operators list's row. */
@QueryHandler(OperatorHistoryQuery)
export class OperatorHistoryHandler implements IQueryHandler<OperatorHistoryQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ operatorId, principal, filters, minPosition }: OperatorHistoryQuery): Promise<HistoryEntry[]> {
    const { store } = this.readModels;
    await this.readModels.reached([operatorsProjection.name, historyProjection.name], minPosition ?? 'head');
    const operator = this.readModels.answer(operatorsProjection.name, await findOperator(store, operatorId));
    if (operator === null) throw new ProblemError(404, 'OPERATOR_NOT_FOUND', `No operator ${operatorId}`);
    assertMayReadOperator(principal, operatorId, operator);
    return this.readModels.answer(historyProjection.name, await queryHistory(store, { category: 'operator', id: operatorId, ...filters }));
  }
}
