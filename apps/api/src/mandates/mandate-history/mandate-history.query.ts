import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { HistoryEntry } from '../../shared/history';

export class MandateHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly mandateId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
