import { Command } from '@nestjs/cqrs';
import type { RenewMandate } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class RenewMandateCommand extends Command<WriteResult> {
  constructor(
    readonly mandateId: string,
    readonly data: Omit<RenewMandate['data'], 'mandateId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
