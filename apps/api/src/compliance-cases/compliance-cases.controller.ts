import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ComplianceCasesPage } from '@mandate-ledger/projections';
import { WRITERS } from '../access/access-policy';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { plainData } from '../http/plain-data';
import { newResourceId, uuidParam } from '../http/resource-id';
import { answerWrite, Write, type WriteContext } from '../http/write-context';
import { WriteEndpoint } from '../http/write-endpoint';
import type { WriteAnswer } from '../http/write-result';
import { HistoryEntry } from '../shared/history';
import { historyFiltersOf, HistoryFiltersRequest } from '../shared/history-filters.request';
import { AddComplianceObligationCommand } from './add-compliance-obligation/add-compliance-obligation.command';
import { AddComplianceObligationRequest } from './add-compliance-obligation/add-compliance-obligation.request';
import { AttachComplianceEvidenceCommand } from './attach-compliance-evidence/attach-compliance-evidence.command';
import { AttachComplianceEvidenceRequest } from './attach-compliance-evidence/attach-compliance-evidence.request';
import { CloseComplianceCaseCommand } from './close-compliance-case/close-compliance-case.command';
import { CloseComplianceCaseRequest } from './close-compliance-case/close-compliance-case.request';
import { ComplianceCaseHistoryQuery } from './compliance-case-history/compliance-case-history.query';
import type { ComplianceCaseView } from './get-compliance-case/compliance-case.view';
import { GetComplianceCaseQuery } from './get-compliance-case/get-compliance-case.query';
import { GetComplianceCaseRequest } from './get-compliance-case/get-compliance-case.request';
import { ListComplianceCasesQuery } from './list-compliance-cases/list-compliance-cases.query';
import { ListComplianceCasesRequest } from './list-compliance-cases/list-compliance-cases.request';
import { LinkComplianceMeasureCommand } from './link-compliance-measure/link-compliance-measure.command';
import { LinkComplianceMeasureRequest } from './link-compliance-measure/link-compliance-measure.request';
import { LiquidateCompliancePenaltyCommand } from './liquidate-compliance-penalty/liquidate-compliance-penalty.command';
import { LiquidateCompliancePenaltyRequest } from './liquidate-compliance-penalty/liquidate-compliance-penalty.request';
import { MarkComplianceObligationContestedCommand } from './mark-compliance-obligation-contested/mark-compliance-obligation-contested.command';
import { MarkComplianceObligationContestedRequest } from './mark-compliance-obligation-contested/mark-compliance-obligation-contested.request';
import { MarkComplianceObligationSatisfiedCommand } from './mark-compliance-obligation-satisfied/mark-compliance-obligation-satisfied.command';
import { MarkComplianceObligationSatisfiedRequest } from './mark-compliance-obligation-satisfied/mark-compliance-obligation-satisfied.request';
import { OpenComplianceCaseCommand } from './open-compliance-case/open-compliance-case.command';
import { OpenComplianceCaseRequest } from './open-compliance-case/open-compliance-case.request';
import { RecordComplianceAppealCommand } from './record-compliance-appeal/record-compliance-appeal.command';
import { RecordComplianceAppealRequest } from './record-compliance-appeal/record-compliance-appeal.request';
import { RecordComplianceConsultationCommand } from './record-compliance-consultation/record-compliance-consultation.command';
import { RecordComplianceConsultationRequest } from './record-compliance-consultation/record-compliance-consultation.request';
import { RecordComplianceNotificationCommand } from './record-compliance-notification/record-compliance-notification.command';
import { RecordComplianceNotificationRequest } from './record-compliance-notification/record-compliance-notification.request';
import { RequestComplianceReviewCommand } from './request-compliance-review/request-compliance-review.command';
import { RequestComplianceReviewRequest } from './request-compliance-review/request-compliance-review.request';
import { obligationIdParam } from './shared/obligation-id.param';

@ApiTags('compliance-cases')
@Controller('compliance-cases')
export class ComplianceCasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The cases index (DESIGN §3): deadlines, standings and linked measures per obligation, from its read model. */
  @Get()
  list(@Query() query: ListComplianceCasesRequest, @CurrentPrincipal() principal: Principal): Promise<ComplianceCasesPage> {
    const { minPosition, page, pageSize, mandateId, ...filters } = query;
    return this.queries.execute(
      new ListComplianceCasesQuery({ ...filters, mandateId: mandateId?.toLowerCase(), page: page ?? 1, pageSize: pageSize ?? 50 }, principal, minPosition),
    );
  }

  @Post()
  @WriteEndpoint(WRITERS.records)
  open(@Body() body: OpenComplianceCaseRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    const { id, ...decision } = plainData(body);
    return answerWrite(context, this.commands.execute(new OpenComplianceCaseCommand(newResourceId(id, 'compliance_case', context), decision, context)));
  }

  @Post(':id/appeals')
  @WriteEndpoint(WRITERS.records)
  appeal(@Param('id', uuidParam()) id: string, @Body() body: RecordComplianceAppealRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new RecordComplianceAppealCommand(id, plainData(body), context)));
  }

  @Post(':id/obligations')
  @WriteEndpoint(WRITERS.records)
  addObligation(@Param('id', uuidParam()) id: string, @Body() body: AddComplianceObligationRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new AddComplianceObligationCommand(id, plainData(body), context)));
  }

  @Post(':id/notifications')
  @WriteEndpoint(WRITERS.records)
  notify(@Param('id', uuidParam()) id: string, @Body() body: RecordComplianceNotificationRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new RecordComplianceNotificationCommand(id, plainData(body), context)));
  }

  @Post(':id/measures')
  @WriteEndpoint(WRITERS.records)
  linkMeasure(@Param('id', uuidParam()) id: string, @Body() body: LinkComplianceMeasureRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new LinkComplianceMeasureCommand(id, plainData(body), context)));
  }

  @Post(':id/evidence')
  @WriteEndpoint(WRITERS.records)
  attachEvidence(@Param('id', uuidParam()) id: string, @Body() body: AttachComplianceEvidenceRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new AttachComplianceEvidenceCommand(id, plainData(body), context)));
  }

  @Post(':id/consultations')
  @WriteEndpoint(WRITERS.records)
  consult(@Param('id', uuidParam()) id: string, @Body() body: RecordComplianceConsultationRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new RecordComplianceConsultationCommand(id, plainData(body), context)));
  }

  @Post(':id/obligations/:obligationId/satisfaction')
  @WriteEndpoint(WRITERS.records)
  markSatisfied(
    @Param('id', uuidParam()) id: string,
    @Param('obligationId', obligationIdParam()) obligationId: string,
    @Body() body: MarkComplianceObligationSatisfiedRequest,
    @Write() context: WriteContext,
  ): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new MarkComplianceObligationSatisfiedCommand(id, { ...plainData(body), obligationId }, context)));
  }

  @Post(':id/obligations/:obligationId/contestation')
  @WriteEndpoint(WRITERS.records)
  markContested(
    @Param('id', uuidParam()) id: string,
    @Param('obligationId', obligationIdParam()) obligationId: string,
    @Body() body: MarkComplianceObligationContestedRequest,
    @Write() context: WriteContext,
  ): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new MarkComplianceObligationContestedCommand(id, { ...plainData(body), obligationId }, context)));
  }

  @Post(':id/liquidations')
  @WriteEndpoint(WRITERS.records)
  liquidate(@Param('id', uuidParam()) id: string, @Body() body: LiquidateCompliancePenaltyRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new LiquidateCompliancePenaltyCommand(id, plainData(body), context)));
  }

  @Post(':id/reviews')
  @WriteEndpoint(WRITERS.records)
  requestReview(@Param('id', uuidParam()) id: string, @Body() body: RequestComplianceReviewRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new RequestComplianceReviewCommand(id, plainData(body), context)));
  }

  @Post(':id/closure')
  @WriteEndpoint(WRITERS.records)
  close(@Param('id', uuidParam()) id: string, @Body() body: CloseComplianceCaseRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new CloseComplianceCaseCommand(id, plainData(body), context)));
  }

  @Get(':id')
  async get(
    @Param('id', uuidParam()) id: string,
    @Query() query: GetComplianceCaseRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ComplianceCaseView> {
    const view = await this.queries.execute(new GetComplianceCaseQuery(id, principal, query.asKnownAt));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':id/history')
  @ApiOkResponse({ type: HistoryEntry, isArray: true })
  history(@Param('id', uuidParam()) id: string, @Query() query: HistoryFiltersRequest, @CurrentPrincipal() principal: Principal): Promise<HistoryEntry[]> {
    return this.queries.execute(new ComplianceCaseHistoryQuery(id, principal, historyFiltersOf(query), query.minPosition));
  }
}
