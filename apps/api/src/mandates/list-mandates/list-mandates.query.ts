import { Query } from '@nestjs/cqrs';
import type { MandatesBoardFilters, MandatesBoardPage } from '@mandate-ledger/projections';
import type { Principal } from '../../auth/principal';

export class ListMandatesQuery extends Query<MandatesBoardPage> {
  constructor(
    readonly filters: Omit<MandatesBoardFilters, 'withinDepartements'>,
    readonly principal: Principal,
    readonly minPosition?: string,
  ) {
    super();
  }
}
