import { Command } from '@nestjs/cqrs';
import type { RecordComplianceConsultation } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class RecordComplianceConsultationCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<RecordComplianceConsultation['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
