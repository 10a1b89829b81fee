import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { mandateDecider, mandateStreamName } from '@mandate-ledger/domain';
import { EVENT_STORE, type EventStore, foldStream } from '@mandate-ledger/event-store';
import { departementsOf } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { ComplianceCaseDecisions } from '../compliance-case-decisions';
import { LinkComplianceMeasureCommand } from './link-compliance-measure.command';

@CommandHandler(LinkComplianceMeasureCommand)
export class LinkComplianceMeasureHandler implements ICommandHandler<LinkComplianceMeasureCommand> {
  constructor(
    private readonly decisions: ComplianceCaseDecisions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ complianceCaseId, data, context }: LinkComplianceMeasureCommand): Promise<WriteResult> {
    // The decider reads nothing: the mandate's status is read here and passed in.
    const mandate = foldStream(mandateDecider, await this.store.readStream(mandateStreamName(data.mandateId)));
    const command = {
      type: 'LinkComplianceMeasure',
      data: { ...data, complianceCaseId },
      mandate: { status: mandate.status },
      metadata: commandMetadataOf(context),
    } as const;
    // The officer must hold the mandate's départements as well as the case's; a mandate never granted is the decider's to refuse.
    const concerned = mandate.status === 'not_granted' ? [] : [...departementsOf(mandate)];
    return this.decisions.run(complianceCaseId, command, context, concerned);
  }
}
