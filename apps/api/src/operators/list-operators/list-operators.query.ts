import { Query } from '@nestjs/cqrs';
import type { OperatorsFilters, OperatorsPage } from '@mandate-ledger/projections';
import type { Principal } from '../../auth/principal';

export class ListOperatorsQuery extends Query<OperatorsPage> {
  constructor(
    readonly filters: Pick<OperatorsFilters, 'departement' | 'status' | 'page' | 'pageSize'>,
    readonly principal: Principal,
    readonly minPosition?: string,
  ) {
    super();
  }
}
