import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { findBoardMandate, historyProjection, mandatesBoardProjection, queryHistory } from '@mandate-ledger/projections';
import { assertMayReadMandate } from '@mandate-ledger/application';
import { ProblemError } from '../../http/problem';
import { ReadModels } from '../../read-models/read-models.service';
import type { HistoryEntry } from '../../shared/history';
import { MandateHistoryQuery } from './mandate-history.query';

/** From the history read model; access is checked on the board's row of the mandate. */
@QueryHandler(MandateHistoryQuery)
export class MandateHistoryHandler implements IQueryHandler<MandateHistoryQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ mandateId, principal, filters, minPosition }: MandateHistoryQuery): Promise<HistoryEntry[]> {
    const { store } = this.readModels;
    await this.readModels.reached([mandatesBoardProjection.name, historyProjection.name], minPosition ?? 'head');
    const found = this.readModels.answer(mandatesBoardProjection.name, await findBoardMandate(store, mandateId));
    if (found === null) throw new ProblemError(404, 'MANDATE_NOT_FOUND', `No mandate ${mandateId}`);
    assertMayReadMandate(principal, found.mandate);
    return this.readModels.answer(historyProjection.name, await queryHistory(store, { category: 'mandate', id: mandateId, ...filters }));
  }
}
