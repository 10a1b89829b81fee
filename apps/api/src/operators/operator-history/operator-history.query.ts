import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { HistoryEntry } from '../../shared/history';

export class OperatorHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly operatorId: string,
    readonly principal: Principal,
    readonly filters: { readonly from?: string; readonly to?: string; readonly types?: readonly string[] } = {},
    readonly minPosition?: string,
  ) {
    super();
  }
}
