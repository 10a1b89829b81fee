import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { mandatesBoardProjection, type MandatesBoardFilters, type MandatesBoardPage, queryMandatesBoard } from '@mandate-ledger/projections';
import { ProblemError } from '../../http/problem';
import { ReadModels } from '../../read-models/read-models.service';
import { ListMandatesQuery } from './list-mandates.query';

/** The board from its read model, narrowed by the access rules: officers to their départements, operators to their own mandates. */
@QueryHandler(ListMandatesQuery)
export class ListMandatesHandler implements IQueryHandler<ListMandatesQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ filters, principal, minPosition }: ListMandatesQuery): Promise<MandatesBoardPage> {
    let scoped: MandatesBoardFilters = filters;
    if (principal.role === 'officer') scoped = { ...filters, withinDepartements: principal.departements ?? [] };
    if (principal.role === 'operator') {
      if (filters.operatorId !== undefined && filters.operatorId !== principal.operatorId) {
        throw new ProblemError(403, 'NOT_OWN_MANDATE', 'An operator reads only its own mandates');
      }
      scoped = { ...filters, operatorId: principal.operatorId ?? '' };
    }
    const name = mandatesBoardProjection.name;
    await this.readModels.reached([name], minPosition);
    return this.readModels.answer(name, await queryMandatesBoard(this.readModels.store, scoped));
  }
}
