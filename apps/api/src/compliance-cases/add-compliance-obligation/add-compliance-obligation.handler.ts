import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCaseStaysReadableToOpener } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { AddComplianceObligationCommand } from './add-compliance-obligation.command';

@CommandHandler(AddComplianceObligationCommand)
export class AddComplianceObligationHandler implements ICommandHandler<AddComplianceObligationCommand> {
  constructor(private readonly decisions: ComplianceCaseDecisions) {}

  async execute({ complianceCaseId, data, context }: AddComplianceObligationCommand): Promise<WriteResult> {
    const command = { type: 'AddComplianceObligation', data: { ...data, complianceCaseId }, metadata: commandMetadataOf(context) } as const;
    const departement = data.territory.departement;
    const opener = await this.decisions.openerOf(complianceCaseId);
    // The case then concerns the obligation's territory too: the officer must hold it, and whoever opened the case still read it.
    return this.decisions.run(complianceCaseId, command, context, [departement], (complianceCase) =>
      assertCaseStaysReadableToOpener(opener, complianceCase, departement),
    );
  }
}
