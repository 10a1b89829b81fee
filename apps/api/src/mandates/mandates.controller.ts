import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { utcDateOf } from '@mandate-ledger/domain';
import type { MandatesBoardPage } from '@mandate-ledger/projections';
import { WRITERS } from '../access/access-policy';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { plainData } from '../http/plain-data';
import { newResourceId, uuidParam } from '../http/resource-id';
import { answerWrite, Write, type WriteContext } from '../http/write-context';
import { WriteEndpoint } from '../http/write-endpoint';
import type { WriteAnswer } from '../http/write-result';
import { HistoryEntry } from '../shared/history';
import { historyFiltersOf, HistoryFiltersRequest } from '../shared/history-filters.request';
import { AmendMandateCommand } from './amend-mandate/amend-mandate.command';
import { AmendMandateRequest } from './amend-mandate/amend-mandate.request';
import { CompleteMandateMissionCommand } from './complete-mandate-mission/complete-mandate-mission.command';
import { CompleteMandateMissionRequest } from './complete-mandate-mission/complete-mandate-mission.request';
import { GetMandateQuery } from './get-mandate/get-mandate.query';
import { GetMandateRequest } from './get-mandate/get-mandate.request';
import type { MandateView } from './get-mandate/mandate.view';
import { GrantMandateCommand } from './grant-mandate/grant-mandate.command';
import { GrantMandateRequest } from './grant-mandate/grant-mandate.request';
import { ListMandatesQuery } from './list-mandates/list-mandates.query';
import { ListMandatesRequest } from './list-mandates/list-mandates.request';
import { MandateHistoryQuery } from './mandate-history/mandate-history.query';
import { ReinstateMandateCommand } from './reinstate-mandate/reinstate-mandate.command';
import { ReinstateMandateRequest } from './reinstate-mandate/reinstate-mandate.request';
import { RenewMandateCommand } from './renew-mandate/renew-mandate.command';
import { RenewMandateRequest } from './renew-mandate/renew-mandate.request';
import { ReportMandateActivityCommand } from './report-mandate-activity/report-mandate-activity.command';
import { ReportMandateActivityRequest } from './report-mandate-activity/report-mandate-activity.request';
import { SuspendMandateCommand } from './suspend-mandate/suspend-mandate.command';
import { SuspendMandateRequest } from './suspend-mandate/suspend-mandate.request';
import { TerminateMandateCommand } from './terminate-mandate/terminate-mandate.command';
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
  grant(@Body() body: GrantMandateRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    const { id, ...grant } = plainData(body);
    return answerWrite(context, this.commands.execute(new GrantMandateCommand(newResourceId(id, 'mandate', context), grant, context)));
  }

  @Post(':id/amendments')
  @WriteEndpoint(WRITERS.records)
  amend(@Param('id', uuidParam()) id: string, @Body() body: AmendMandateRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new AmendMandateCommand(id, plainData(body), context)));
  }

  @Post(':id/renewals')
  @WriteEndpoint(WRITERS.records)
  renew(@Param('id', uuidParam()) id: string, @Body() body: RenewMandateRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new RenewMandateCommand(id, plainData(body), context)));
  }

  @Post(':id/suspensions')
  @WriteEndpoint(WRITERS.records)
  suspend(@Param('id', uuidParam()) id: string, @Body() body: SuspendMandateRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new SuspendMandateCommand(id, plainData(body), context)));
  }

  @Post(':id/reinstatements')
  @WriteEndpoint(WRITERS.records)
  reinstate(@Param('id', uuidParam()) id: string, @Body() body: ReinstateMandateRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new ReinstateMandateCommand(id, plainData(body), context)));
  }

  @Post(':id/terminations')
  @WriteEndpoint(WRITERS.records)
  terminate(@Param('id', uuidParam()) id: string, @Body() body: TerminateMandateRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new TerminateMandateCommand(id, plainData(body), context)));
  }

  @Post(':id/activity-reports')
  @WriteEndpoint(WRITERS.reports)
  report(@Param('id', uuidParam()) id: string, @Body() body: ReportMandateActivityRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new ReportMandateActivityCommand(id, plainData(body), context)));
  }

  @Post(':id/completion')
  @WriteEndpoint(WRITERS.reports)
  complete(@Param('id', uuidParam()) id: string, @Body() body: CompleteMandateMissionRequest, @Write() context: WriteContext): Promise<WriteAnswer> {
    return answerWrite(context, this.commands.execute(new CompleteMandateMissionCommand(id, plainData(body), context)));
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
