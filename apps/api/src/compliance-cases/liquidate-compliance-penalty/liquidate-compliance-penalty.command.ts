import { Command } from '@nestjs/cqrs';
import type { LiquidateCompliancePenalty } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class LiquidateCompliancePenaltyCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<LiquidateCompliancePenalty['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
