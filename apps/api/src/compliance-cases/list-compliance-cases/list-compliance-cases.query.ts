import { Query } from '@nestjs/cqrs';
import type { ComplianceCasesFilters, ComplianceCasesPage } from '@mandate-ledger/projections';
import type { Principal } from '../../auth/principal';

export class ListComplianceCasesQuery extends Query<ComplianceCasesPage> {
  constructor(
    readonly filters: Omit<ComplianceCasesFilters, 'withinDepartements'>,
    readonly principal: Principal,
    readonly minPosition?: string,
  ) {
    super();
  }
}
