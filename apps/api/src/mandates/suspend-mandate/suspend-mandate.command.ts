import { Command } from '@nestjs/cqrs';
import type { SuspendMandate } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class SuspendMandateCommand extends Command<WriteResult> {
  constructor(
    readonly mandateId: string,
    readonly data: Omit<SuspendMandate['data'], 'mandateId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
