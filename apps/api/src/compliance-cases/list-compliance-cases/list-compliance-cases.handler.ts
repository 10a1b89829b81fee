import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { complianceCasesProjection, type ComplianceCasesPage, queryComplianceCases } from '@mandate-ledger/projections';
import { assertMayReadCases } from '@mandate-ledger/application';
import { ReadModels } from '../../read-models/read-models.service';
import { ListComplianceCasesQuery } from './list-compliance-cases.query';

/** Compliance cases from their index: officers see those concerning their départements, and those with no obligation yet. */
@QueryHandler(ListComplianceCasesQuery)
export class ListComplianceCasesHandler implements IQueryHandler<ListComplianceCasesQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ filters, principal, minPosition }: ListComplianceCasesQuery): Promise<ComplianceCasesPage> {
    assertMayReadCases(principal);
    const scope = principal.role === 'officer' ? { withinDepartements: principal.departements ?? [] } : {};
    await this.readModels.reached([complianceCasesProjection.name], minPosition);
    return this.readModels.answer(complianceCasesProjection.name, await queryComplianceCases(this.readModels.store, { ...filters, ...scope }));
  }
}
