import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertMayReportOn } from '../../access/access-policy';
import type { WriteResult } from '../../http/write-result';
import { commandMetadataOf } from '../../shared/run-decision';
import { MandateDecisions } from '../mandate-decisions';
import { ReportMandateActivityCommand } from './report-mandate-activity.command';

@CommandHandler(ReportMandateActivityCommand)
export class ReportMandateActivityHandler implements ICommandHandler<ReportMandateActivityCommand> {
  constructor(private readonly decisions: MandateDecisions) {}

  execute({ mandateId, data, context }: ReportMandateActivityCommand): Promise<WriteResult> {
    const command = { type: 'ReportMandateActivity', data: { ...data, mandateId }, metadata: commandMetadataOf(context) } as const;
    return this.decisions.run(mandateId, command, context, assertMayReportOn);
  }
}
