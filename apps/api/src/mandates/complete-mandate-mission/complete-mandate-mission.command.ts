import { Command } from '@nestjs/cqrs';
import type { CompleteMandateMission } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class CompleteMandateMissionCommand extends Command<WriteResult> {
  constructor(
    readonly mandateId: string,
    readonly data: Omit<CompleteMandateMission['data'], 'mandateId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
