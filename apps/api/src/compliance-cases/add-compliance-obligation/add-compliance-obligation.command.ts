import { Command } from '@nestjs/cqrs';
import type { AddComplianceObligation } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class AddComplianceObligationCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<AddComplianceObligation['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
