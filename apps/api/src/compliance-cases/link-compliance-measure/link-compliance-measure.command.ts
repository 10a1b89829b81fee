import { Command } from '@nestjs/cqrs';
import type { LinkComplianceMeasure } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class LinkComplianceMeasureCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<LinkComplianceMeasure['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
