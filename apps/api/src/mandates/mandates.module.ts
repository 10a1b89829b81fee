import { Module } from '@nestjs/common';
import { AmendMandateHandler } from './amend-mandate/amend-mandate.handler';
import { CompleteMandateMissionHandler } from './complete-mandate-mission/complete-mandate-mission.handler';
import { GetMandateHandler } from './get-mandate/get-mandate.handler';
import { GrantMandateHandler } from './grant-mandate/grant-mandate.handler';
import { MandateDecisions } from './mandate-decisions';
import { MandateHistoryHandler } from './mandate-history/mandate-history.handler';
import { MandatesController } from './mandates.controller';
import { ReinstateMandateHandler } from './reinstate-mandate/reinstate-mandate.handler';
import { RenewMandateHandler } from './renew-mandate/renew-mandate.handler';
import { ReportMandateActivityHandler } from './report-mandate-activity/report-mandate-activity.handler';
import { SuspendMandateHandler } from './suspend-mandate/suspend-mandate.handler';
import { TerminateMandateHandler } from './terminate-mandate/terminate-mandate.handler';

@Module({
  controllers: [MandatesController],
  providers: [
    MandateDecisions,
    GrantMandateHandler,
    AmendMandateHandler,
    RenewMandateHandler,
    SuspendMandateHandler,
    ReinstateMandateHandler,
    TerminateMandateHandler,
    ReportMandateActivityHandler,
    CompleteMandateMissionHandler,
    GetMandateHandler,
    MandateHistoryHandler,
  ],
})
export class MandatesModule {}
