import { Command } from '@nestjs/cqrs';
import type { ReportMandateActivity } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class ReportMandateActivityCommand extends Command<WriteResult> {
  constructor(
    readonly mandateId: string,
    readonly data: Omit<ReportMandateActivity['data'], 'mandateId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
