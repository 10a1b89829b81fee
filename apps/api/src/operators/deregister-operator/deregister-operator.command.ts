import { Command } from '@nestjs/cqrs';
import type { DeregisterOperator } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class DeregisterOperatorCommand extends Command<WriteResult> {
  constructor(
    readonly operatorId: string,
    readonly data: Omit<DeregisterOperator['data'], 'operatorId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
