import { Command } from '@nestjs/cqrs';
import type { RecordComplianceNotification } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class RecordComplianceNotificationCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<RecordComplianceNotification['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
