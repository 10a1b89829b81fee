import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { complianceCaseDecider, complianceCaseStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore, foldStream } from '@mandate-ledger/event-store';
import { historyProjection, queryHistory } from '@mandate-ledger/projections';
import { assertMayReadCase, assertMayReadCases } from '@mandate-ledger/application';
import { ProblemError } from '../../http/problem';
import { ReadModels } from '../../read-models/read-models.service';
import type { HistoryEntry } from '../../shared/history';
import { ComplianceCaseHistoryQuery } from './compliance-case-history.query';

/** From the history read model; access is checked on the case as its stream folds now. */
@QueryHandler(ComplianceCaseHistoryQuery)
export class ComplianceCaseHistoryHandler implements IQueryHandler<ComplianceCaseHistoryQuery> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ complianceCaseId, principal, filters, minPosition }: ComplianceCaseHistoryQuery): Promise<HistoryEntry[]> {
    assertMayReadCases(principal);
    const complianceCase = foldStream(complianceCaseDecider, await this.store.readStream(complianceCaseStreamName(complianceCaseId)));
    if (complianceCase.status === 'not_opened') throw new ProblemError(404, 'COMPLIANCE_CASE_NOT_FOUND', `No compliance case ${complianceCaseId}`);
    assertMayReadCase(principal, complianceCase);
    await this.readModels.reached([historyProjection.name], minPosition ?? 'head');
    const found = await queryHistory(this.readModels.store, { category: 'compliance_case', id: complianceCaseId, ...filters });
    return this.readModels.answer(historyProjection.name, found);
  }
}
