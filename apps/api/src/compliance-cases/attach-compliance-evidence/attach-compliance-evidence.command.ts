import { Command } from '@nestjs/cqrs';
import type { AttachComplianceEvidence } from '@mandate-ledger/domain';
import type { WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';

export class AttachComplianceEvidenceCommand extends Command<WriteResult> {
  constructor(
    readonly complianceCaseId: string,
    readonly data: Omit<AttachComplianceEvidence['data'], 'complianceCaseId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
