import { Command } from '@nestjs/cqrs';
import type { AmendMandate } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class AmendMandateCommand extends Command<WriteResult> {
  constructor(
    readonly mandateId: string,
    readonly data: Omit<AmendMandate['data'], 'mandateId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
