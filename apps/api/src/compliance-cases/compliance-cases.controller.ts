import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ComplianceCasesPage } from '@mandate-ledger/projections';
import { WRITERS } from '@mandate-ledger/application';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { plainData } from '../http/plain-data';
import { uuidParam } from '../http/uuid-param';
import { type HttpWrite, runWrite, Write } from '../http/write-context';
import { WriteEndpoint } from '../http/write-endpoint';
import type { WriteAnswer } from '../http/write-result';
import { HistoryEntry } from '../shared/history';
import { historyFiltersOf, HistoryFiltersRequest } from '../shared/history-filters.request';
import { AddComplianceObligationRequest } from './add-compliance-obligation/add-compliance-obligation.request';
import { AttachComplianceEvidenceRequest } from './attach-compliance-evidence/attach-compliance-evidence.request';
import { CloseComplianceCaseRequest } from './close-compliance-case/close-compliance-case.request';
import { ComplianceCaseHistoryQuery } from './compliance-case-history/compliance-case-history.query';
import type { ComplianceCaseView } from './get-compliance-case/compliance-case.view';
import { GetComplianceCaseQuery } from './get-compliance-case/get-compliance-case.query';
import { GetComplianceCaseRequest } from './get-compliance-case/get-compliance-case.request';
import { ListComplianceCasesQuery } from './list-compliance-cases/list-compliance-cases.query';
import { ListComplianceCasesRequest } from './list-compliance-cases/list-compliance-cases.request';
import { LinkComplianceMeasureRequest } from './link-compliance-measure/link-compliance-measure.request';
import { LiquidateCompliancePenaltyRequest } from './liquidate-compliance-penalty/liquidate-compliance-penalty.request';
import { MarkComplianceObligationContestedRequest } from './mark-compliance-obligation-contested/mark-compliance-obligation-contested.request';
import { MarkComplianceObligationSatisfiedRequest } from './mark-compliance-obligation-satisfied/mark-compliance-obligation-satisfied.request';
import { OpenComplianceCaseRequest } from './open-compliance-case/open-compliance-case.request';
import { RecordComplianceAppealRequest } from './record-compliance-appeal/record-compliance-appeal.request';
import { RecordComplianceConsultationRequest } from './record-compliance-consultation/record-compliance-consultation.request';
import { RecordComplianceNotificationRequest } from './record-compliance-notification/record-compliance-notification.request';
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
  open(@Body() body: OpenComplianceCaseRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    const { id, ...decision } = plainData(body);
    return runWrite(this.commands, write, { type: 'OpenComplianceCase', data: { ...decision, complianceCaseId: write.newId(id, 'compliance_case') } });
  }

  @Post(':id/appeals')
  @WriteEndpoint(WRITERS.records)
  appeal(@Param('id', uuidParam()) id: string, @Body() body: RecordComplianceAppealRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'RecordComplianceAppeal', data: { ...plainData(body), complianceCaseId: id } });
  }

  @Post(':id/obligations')
  @WriteEndpoint(WRITERS.records)
  addObligation(@Param('id', uuidParam()) id: string, @Body() body: AddComplianceObligationRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'AddComplianceObligation', data: { ...plainData(body), complianceCaseId: id } });
  }

  @Post(':id/notifications')
  @WriteEndpoint(WRITERS.records)
  notify(@Param('id', uuidParam()) id: string, @Body() body: RecordComplianceNotificationRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'RecordComplianceNotification', data: { ...plainData(body), complianceCaseId: id } });
  }

  @Post(':id/measures')
  @WriteEndpoint(WRITERS.records)
  linkMeasure(@Param('id', uuidParam()) id: string, @Body() body: LinkComplianceMeasureRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'LinkComplianceMeasure', data: { ...plainData(body), complianceCaseId: id } });
  }

  @Post(':id/evidence')
  @WriteEndpoint(WRITERS.records)
  attachEvidence(@Param('id', uuidParam()) id: string, @Body() body: AttachComplianceEvidenceRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'AttachComplianceEvidence', data: { ...plainData(body), complianceCaseId: id } });
  }

  @Post(':id/consultations')
  @WriteEndpoint(WRITERS.records)
  consult(@Param('id', uuidParam()) id: string, @Body() body: RecordComplianceConsultationRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'RecordComplianceConsultation', data: { ...plainData(body), complianceCaseId: id } });
  }

  @Post(':id/obligations/:obligationId/satisfaction')
  @WriteEndpoint(WRITERS.records)
  markSatisfied(
    @Param('id', uuidParam()) id: string,
    @Param('obligationId', obligationIdParam()) obligationId: string,
    @Body() body: MarkComplianceObligationSatisfiedRequest,
    @Write() write: HttpWrite,
  ): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'MarkComplianceObligationSatisfied', data: { ...plainData(body), obligationId, complianceCaseId: id } });
  }

  @Post(':id/obligations/:obligationId/contestation')
  @WriteEndpoint(WRITERS.records)
  markContested(
    @Param('id', uuidParam()) id: string,
    @Param('obligationId', obligationIdParam()) obligationId: string,
    @Body() body: MarkComplianceObligationContestedRequest,
    @Write() write: HttpWrite,
  ): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'MarkComplianceObligationContested', data: { ...plainData(body), obligationId, complianceCaseId: id } });
  }

  @Post(':id/liquidations')
  @WriteEndpoint(WRITERS.records)
  liquidate(@Param('id', uuidParam()) id: string, @Body() body: LiquidateCompliancePenaltyRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'LiquidateCompliancePenalty', data: { ...plainData(body), complianceCaseId: id } });
  }

  @Post(':id/reviews')
  @WriteEndpoint(WRITERS.records)
  requestReview(@Param('id', uuidParam()) id: string, @Body() body: RequestComplianceReviewRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'RequestComplianceReview', data: { ...plainData(body), complianceCaseId: id } });
  }

  @Post(':id/closure')
  @WriteEndpoint(WRITERS.records)
  close(@Param('id', uuidParam()) id: string, @Body() body: CloseComplianceCaseRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'CloseComplianceCase', data: { ...plainData(body), complianceCaseId: id } });
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
