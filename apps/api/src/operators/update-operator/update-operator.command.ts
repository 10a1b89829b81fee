import { Command } from '@nestjs/cqrs';
import type { OperatorDetailsChanges } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class UpdateOperatorCommand extends Command<WriteResult> {
  constructor(
    readonly operatorId: string,
    readonly changes: OperatorDetailsChanges,
    readonly context: WriteContext,
  ) {
    super();
  }
}
