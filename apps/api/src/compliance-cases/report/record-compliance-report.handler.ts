import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { complianceCaseDecider, complianceCaseStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf, runDecision } from '../../shared/run-decision';
import { RecordComplianceReportCommand } from './record-compliance-report.command';

/**
 * Issues the report through the case's decider, after it was built (so a report never holds its
 * own issuance). The request's If-Match and Idempotency-Key apply to no report: each one is issued.
 */
@CommandHandler(RecordComplianceReportCommand)
export class RecordComplianceReportHandler implements ICommandHandler<RecordComplianceReportCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ complianceCaseId, data, context }: RecordComplianceReportCommand): Promise<WriteResult> {
    const issuing = { ...context, now: new Date().toISOString(), expectedRevision: undefined, idempotency: undefined };
    const command = { type: 'IssueComplianceReport', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(issuing) } as const;
    return runDecision(this.store, complianceCaseDecider, { id: complianceCaseId, stream: complianceCaseStreamName(complianceCaseId) }, command, issuing);
  }
}
