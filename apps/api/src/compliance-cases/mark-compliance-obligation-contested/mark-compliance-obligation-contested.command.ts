import { Command } from '@nestjs/cqrs';
import type { MarkComplianceObligationContested } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class MarkComplianceObligationContestedCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<MarkComplianceObligationContested['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
