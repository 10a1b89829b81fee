import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { boardMandatesOfOperator, mandatesBoardProjection, type OperatorPortfolio, operatorPortfolioOf } from '@mandate-ledger/projections';
import { departementsOf } from '@mandate-ledger/application';
import { ReadModels } from '../../read-models/read-models.service';
import { OperatorPortfolioQuery } from './operator-portfolio.query';

/**
 * An operator's mandates on a date, computed from the board's rows (the domain's own state of each
 * mandate): the portfolio depends on the date, so it is a query over the board, not a table of its
 * own. An officer's portfolio counts only the mandates that officer may read.
 */
@QueryHandler(OperatorPortfolioQuery)
export class OperatorPortfolioHandler implements IQueryHandler<OperatorPortfolioQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ operatorId, principal, on, minPosition }: OperatorPortfolioQuery): Promise<OperatorPortfolio> {
    const name = mandatesBoardProjection.name;
    await this.readModels.reached([name], minPosition);
    let mandates = this.readModels.answer(name, await boardMandatesOfOperator(this.readModels.store, operatorId));
    if (principal.role === 'officer') {
      const mine = new Set(principal.departements ?? []);
      mandates = mandates.filter(({ mandate }) => [...departementsOf(mandate)].some((d) => mine.has(d)));
    }
    return operatorPortfolioOf(mandates, on);
  }
}
