import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal';
import type { HistoryEntry } from '../../shared/history';

export class ComplianceCaseHistoryQuery extends Query<HistoryEntry[]> {
  constructor(
    readonly complianceCaseId: string,
    readonly principal: Principal,
    readonly filters: { readonly from?: string; readonly to?: string; readonly types?: readonly string[] } = {},
    /** Without one, the head of the log when the query arrives: a history is never served incomplete. */
    readonly minPosition?: string,
  ) {
    super();
  }
}
