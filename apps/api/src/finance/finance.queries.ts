import { Query } from '@nestjs/cqrs';
import type { LateFinancialReport, LatePublication, OverdueInstalment, WrittenAgreementBreach } from '@mandate-ledger/projections';
import type { Principal } from '../auth/principal';

export interface FinanceListParams {
  readonly on: string;
  readonly departement?: string;
  readonly principal: Principal;
  readonly minPosition?: string;
}

export interface FinanceList<Item> {
  readonly on: string;
  readonly items: readonly Item[];
}

export class OverdueInstalmentsQuery extends Query<FinanceList<OverdueInstalment>> {
  constructor(readonly params: FinanceListParams) {
    super();
  }
}

export class LateFinancialReportsQuery extends Query<FinanceList<LateFinancialReport>> {
  constructor(readonly params: FinanceListParams) {
    super();
  }
}

export class LatePublicationsQuery extends Query<FinanceList<LatePublication>> {
  constructor(readonly params: FinanceListParams) {
    super();
  }
}

export class WrittenAgreementBreachesQuery extends Query<{ readonly items: readonly WrittenAgreementBreach[] }> {
  constructor(
    readonly principal: Principal,
    readonly year?: number,
    readonly minPosition?: string,
  ) {
    super();
  }
}
