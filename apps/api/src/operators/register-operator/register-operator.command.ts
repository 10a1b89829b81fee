import { Command } from '@nestjs/cqrs';
import type { OperatorDetails } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class RegisterOperatorCommand extends Command<WriteResult> {
  constructor(
    readonly operatorId: string,
    readonly details: OperatorDetails,
    readonly context: WriteContext,
  ) {
    super();
  }
}
