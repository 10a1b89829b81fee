import { Query } from '@nestjs/cqrs';
import type { OperatorPortfolio } from '@mandate-ledger/projections';
import type { Principal } from '../../auth/principal';

/** Asked after the operator itself was read (and access to it checked). */
export class OperatorPortfolioQuery extends Query<OperatorPortfolio> {
  constructor(
    readonly operatorId: string,
    readonly principal: Principal,
    readonly on: string,
    readonly minPosition?: string,
  ) {
    super();
  }
}
