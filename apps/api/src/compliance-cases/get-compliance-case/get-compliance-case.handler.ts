import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { complianceCaseDecider, complianceCaseStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore, foldStream } from '@mandate-ledger/event-store';
import { assertMayReadCase, assertMayReadCases } from '@mandate-ledger/application';
import { ProblemError } from '../../http/problem';
import { readStreamAsKnown } from '../../shared/read-stream-as-known';
import { type ComplianceCaseView, complianceCaseViewOf } from './compliance-case.view';
import { GetComplianceCaseQuery } from './get-compliance-case.query';

/** Replays the case's stream: every answer is derived from the log. */
@QueryHandler(GetComplianceCaseQuery)
export class GetComplianceCaseHandler implements IQueryHandler<GetComplianceCaseQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ complianceCaseId, principal, asKnownAt }: GetComplianceCaseQuery): Promise<ComplianceCaseView> {
    assertMayReadCases(principal);
    const events = await readStreamAsKnown(this.store, complianceCaseStreamName(complianceCaseId), asKnownAt);
    const complianceCase = foldStream(complianceCaseDecider, events);
    if (complianceCase.status === 'not_opened') {
      const when = asKnownAt ? ` as known at ${asKnownAt}` : '';
      throw new ProblemError(404, 'COMPLIANCE_CASE_NOT_FOUND', `No compliance case ${complianceCaseId}${when}`);
    }
    assertMayReadCase(principal, complianceCase);
    const last = events[events.length - 1];
    return complianceCaseViewOf(complianceCaseId, complianceCase, { revision: last.revision, lastRecordedAt: last.recordedAt, asKnownAt });
  }
}
