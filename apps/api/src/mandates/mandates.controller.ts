import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { utcDateOf } from '@mandate-ledger/domain';
import type { MandatesBoardPage } from '@mandate-ledger/projections';
import { WRITERS } from '@mandate-ledger/application';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { plainData } from '../http/plain-data';
import { uuidParam } from '../http/uuid-param';
import { type HttpWrite, runWrite, Write } from '../http/write-context';
import { WriteEndpoint } from '../http/write-endpoint';
import type { WriteAnswer } from '../http/write-result';
import { HistoryEntry } from '../shared/history';
import { historyFiltersOf, HistoryFiltersRequest } from '../shared/history-filters.request';
import { AmendMandateRequest } from './amend-mandate/amend-mandate.request';
import { CompleteMandateMissionRequest } from './complete-mandate-mission/complete-mandate-mission.request';
import { GetMandateQuery } from './get-mandate/get-mandate.query';
import { GetMandateRequest } from './get-mandate/get-mandate.request';
import type { MandateView } from './get-mandate/mandate.view';
import { GrantMandateRequest } from './grant-mandate/grant-mandate.request';
import { ListMandatesQuery } from './list-mandates/list-mandates.query';
import { ListMandatesRequest } from './list-mandates/list-mandates.request';
import { MandateHistoryQuery } from './mandate-history/mandate-history.query';
import { ReinstateMandateRequest } from './reinstate-mandate/reinstate-mandate.request';
import { RenewMandateRequest } from './renew-mandate/renew-mandate.request';
import { ReportMandateActivityRequest } from './report-mandate-activity/report-mandate-activity.request';
import { OrderMandateRecoveryRequest } from './order-mandate-recovery/order-mandate-recovery.request';
import { ReceiveMandateFinancialReportRequest } from './receive-mandate-financial-report/receive-mandate-financial-report.request';
import { RecordMandatePaymentRequest } from './record-mandate-payment/record-mandate-payment.request';
import { RecordMandatePublicationRequest } from './record-mandate-publication/record-mandate-publication.request';
import { SuspendMandateRequest } from './suspend-mandate/suspend-mandate.request';
import { WithholdMandatePaymentRequest } from './withhold-mandate-payment/withhold-mandate-payment.request';
import { TerminateMandateRequest } from './terminate-mandate/terminate-mandate.request';

@ApiTags('mandates')
@Controller('mandates')
export class MandatesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @WriteEndpoint(WRITERS.records)
  grant(@Body() body: GrantMandateRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    const { id, ...grant } = plainData(body);
    return runWrite(this.commands, write, { type: 'GrantMandate', data: { ...grant, mandateId: write.newId(id, 'mandate') } });
  }

  @Post(':id/amendments')
  @WriteEndpoint(WRITERS.records)
  amend(@Param('id', uuidParam()) id: string, @Body() body: AmendMandateRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'AmendMandate', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/renewals')
  @WriteEndpoint(WRITERS.records)
  renew(@Param('id', uuidParam()) id: string, @Body() body: RenewMandateRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'RenewMandate', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/suspensions')
  @WriteEndpoint(WRITERS.records)
  suspend(@Param('id', uuidParam()) id: string, @Body() body: SuspendMandateRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'SuspendMandate', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/reinstatements')
  @WriteEndpoint(WRITERS.records)
  reinstate(@Param('id', uuidParam()) id: string, @Body() body: ReinstateMandateRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'ReinstateMandate', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/terminations')
  @WriteEndpoint(WRITERS.records)
  terminate(@Param('id', uuidParam()) id: string, @Body() body: TerminateMandateRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'TerminateMandate', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/activity-reports')
  @WriteEndpoint(WRITERS.reports)
  report(@Param('id', uuidParam()) id: string, @Body() body: ReportMandateActivityRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'ReportMandateActivity', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/completion')
  @WriteEndpoint(WRITERS.reports)
  complete(@Param('id', uuidParam()) id: string, @Body() body: CompleteMandateMissionRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'CompleteMandateMission', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/payments')
  @WriteEndpoint(WRITERS.records)
  pay(@Param('id', uuidParam()) id: string, @Body() body: RecordMandatePaymentRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'RecordMandatePayment', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/payment-withholdings')
  @WriteEndpoint(WRITERS.records)
  withhold(@Param('id', uuidParam()) id: string, @Body() body: WithholdMandatePaymentRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'WithholdMandatePayment', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/recoveries')
  @WriteEndpoint(WRITERS.records)
  recover(@Param('id', uuidParam()) id: string, @Body() body: OrderMandateRecoveryRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'OrderMandateRecovery', data: { ...plainData(body), mandateId: id } });
  }

  /** The compte rendu financier comes from the operator: it may record its own, as its activity reports. */
  @Post(':id/financial-reports')
  @WriteEndpoint(WRITERS.reports)
  receiveFinancialReport(@Param('id', uuidParam()) id: string, @Body() body: ReceiveMandateFinancialReportRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'ReceiveMandateFinancialReport', data: { ...plainData(body), mandateId: id } });
  }

  @Post(':id/publications')
  @WriteEndpoint(WRITERS.records)
  publish(@Param('id', uuidParam()) id: string, @Body() body: RecordMandatePublicationRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'RecordMandatePublication', data: { ...plainData(body), mandateId: id } });
  }

  /** The officers' board, from its read model (DESIGN §4). */
  @Get()
  list(@Query() query: ListMandatesRequest, @CurrentPrincipal() principal: Principal): Promise<MandatesBoardPage> {
    const { minPosition, page, pageSize, on, asKnownAt, operatorId, ...filters } = query;
    return this.queries.execute(
      new ListMandatesQuery(
        {
          ...filters,
          operatorId: operatorId?.toLowerCase(),
          on: on ?? utcDateOf(new Date().toISOString()),
          asKnownAt: asKnownAt === undefined ? undefined : new Date(asKnownAt).toISOString(),
          page: page ?? 1,
          pageSize: pageSize ?? 50,
        },
        principal,
        minPosition,
      ),
    );
  }

  @Get(':id')
  async get(
    @Param('id', uuidParam()) id: string,
    @Query() query: GetMandateRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MandateView> {
    const on = query.on ?? utcDateOf(new Date().toISOString());
    const view = await this.queries.execute(new GetMandateQuery(id, principal, on, query.asKnownAt));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':id/history')
  @ApiOkResponse({ type: HistoryEntry, isArray: true })
  history(@Param('id', uuidParam()) id: string, @Query() query: HistoryFiltersRequest, @CurrentPrincipal() principal: Principal): Promise<HistoryEntry[]> {
    return this.queries.execute(new MandateHistoryQuery(id, principal, historyFiltersOf(query), query.minPosition));
  }
}
