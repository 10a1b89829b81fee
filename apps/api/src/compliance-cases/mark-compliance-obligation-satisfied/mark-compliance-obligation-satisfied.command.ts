import { Command } from '@nestjs/cqrs';
import type { MarkComplianceObligationSatisfied } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class MarkComplianceObligationSatisfiedCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<MarkComplianceObligationSatisfied['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
