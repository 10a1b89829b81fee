import { Module } from '@nestjs/common';
import { AddComplianceObligationHandler } from './add-compliance-obligation/add-compliance-obligation.handler';
import { AttachComplianceEvidenceHandler } from './attach-compliance-evidence/attach-compliance-evidence.handler';
import { CloseComplianceCaseHandler } from './close-compliance-case/close-compliance-case.handler';
import { ComplianceCaseDecisions } from './compliance-case-decisions';
import { ComplianceCaseHistoryHandler } from './compliance-case-history/compliance-case-history.handler';
import { ComplianceCasesController } from './compliance-cases.controller';
import { GetComplianceCaseHandler } from './get-compliance-case/get-compliance-case.handler';
import { ListComplianceCasesHandler } from './list-compliance-cases/list-compliance-cases.handler';
import { LinkComplianceMeasureHandler } from './link-compliance-measure/link-compliance-measure.handler';
import { LiquidateCompliancePenaltyHandler } from './liquidate-compliance-penalty/liquidate-compliance-penalty.handler';
import { MarkComplianceObligationContestedHandler } from './mark-compliance-obligation-contested/mark-compliance-obligation-contested.handler';
import { MarkComplianceObligationSatisfiedHandler } from './mark-compliance-obligation-satisfied/mark-compliance-obligation-satisfied.handler';
import { OpenComplianceCaseHandler } from './open-compliance-case/open-compliance-case.handler';
import { RecordComplianceAppealHandler } from './record-compliance-appeal/record-compliance-appeal.handler';
import { RecordComplianceConsultationHandler } from './record-compliance-consultation/record-compliance-consultation.handler';
import { RecordComplianceNotificationHandler } from './record-compliance-notification/record-compliance-notification.handler';
import { RequestComplianceReviewHandler } from './request-compliance-review/request-compliance-review.handler';

@Module({
  controllers: [ComplianceCasesController],
  providers: [
    ComplianceCaseDecisions,
    OpenComplianceCaseHandler,
    RecordComplianceAppealHandler,
    AddComplianceObligationHandler,
    RecordComplianceNotificationHandler,
    LinkComplianceMeasureHandler,
    AttachComplianceEvidenceHandler,
    RecordComplianceConsultationHandler,
    MarkComplianceObligationSatisfiedHandler,
    MarkComplianceObligationContestedHandler,
    LiquidateCompliancePenaltyHandler,
    RequestComplianceReviewHandler,
    CloseComplianceCaseHandler,
    GetComplianceCaseHandler,
    ComplianceCaseHistoryHandler,
    ListComplianceCasesHandler,
  ],
})
export class ComplianceCasesModule {}
