import { Command } from '@nestjs/cqrs';
import type { CloseComplianceCase } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class CloseComplianceCaseCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<CloseComplianceCase['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
