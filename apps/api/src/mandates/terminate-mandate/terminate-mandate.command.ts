import { Command } from '@nestjs/cqrs';
import type { TerminateMandate } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class TerminateMandateCommand extends Command<WriteResult> {
  constructor(
    readonly mandateId: string,
    readonly data: Omit<TerminateMandate['data'], 'mandateId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
