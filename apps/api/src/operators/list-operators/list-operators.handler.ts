import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { operatorsProjection, type OperatorsPage, queryOperators } from '@mandate-ledger/projections';
import { ReadModels } from '../../read-models/read-models.service';
import { ListOperatorsQuery } from './list-operators.query';

/** Operators from their read model: officers see those of their départements, an operator itself. */
@QueryHandler(ListOperatorsQuery)
export class ListOperatorsHandler implements IQueryHandler<ListOperatorsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ filters, principal, minPosition }: ListOperatorsQuery): Promise<OperatorsPage> {
    const scope =
      principal.role === 'officer'
        ? { withinDepartements: principal.departements ?? [] }
        : principal.role === 'operator'
          ? { onlyOperatorId: principal.operatorId ?? '' }
          : {};
    await this.readModels.reached([operatorsProjection.name], minPosition);
    return this.readModels.answer(operatorsProjection.name, await queryOperators(this.readModels.store, { ...filters, ...scope }));
  }
}
