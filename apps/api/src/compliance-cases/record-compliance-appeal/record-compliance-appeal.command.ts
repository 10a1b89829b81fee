import { Command } from '@nestjs/cqrs';
import type { RecordComplianceAppeal } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class RecordComplianceAppealCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<RecordComplianceAppeal['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
