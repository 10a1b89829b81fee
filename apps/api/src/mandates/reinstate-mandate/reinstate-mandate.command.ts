import { Command } from '@nestjs/cqrs';
import type { ReinstateMandate } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class ReinstateMandateCommand extends Command<WriteResult> {
  constructor(
    readonly mandateId: string,
    readonly data: Omit<ReinstateMandate['data'], 'mandateId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
