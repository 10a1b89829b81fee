import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { utcDateOf } from '@mandate-ledger/domain';
import type { OperatorPortfolio, OperatorsPage } from '@mandate-ledger/projections';
import { WRITERS } from '@mandate-ledger/application';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { plainData } from '../http/plain-data';
import { uuidParam } from '../http/uuid-param';
import { type HttpWrite, runWrite, Write } from '../http/write-context';
import { WriteEndpoint } from '../http/write-endpoint';
import type { WriteAnswer } from '../http/write-result';
import { HistoryEntry } from '../shared/history';
import { historyFiltersOf, HistoryFiltersRequest } from '../shared/history-filters.request';
import { DeregisterOperatorRequest } from './deregister-operator/deregister-operator.request';
import { GetOperatorQuery } from './get-operator/get-operator.query';
import type { OperatorView } from './get-operator/operator.view';
import { ListOperatorsQuery } from './list-operators/list-operators.query';
import { ListOperatorsRequest } from './list-operators/list-operators.request';
import { OperatorHistoryQuery } from './operator-history/operator-history.query';
import { OperatorPortfolioQuery } from './operator-portfolio/operator-portfolio.query';
import { OperatorPortfolioRequest } from './operator-portfolio/operator-portfolio.request';
import { RegisterOperatorRequest } from './register-operator/register-operator.request';
import { UpdateOperatorRequest } from './update-operator/update-operator.request';

@ApiTags('operators')
@Controller('operators')
export class OperatorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @WriteEndpoint(WRITERS.records)
  register(@Body() body: RegisterOperatorRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    const { id, ...details } = plainData(body);
    return runWrite(this.commands, write, { type: 'RegisterOperator', data: { ...details, operatorId: write.newId(id, 'operator') } });
  }

  @Patch(':id')
  @WriteEndpoint(WRITERS.records, 200)
  update(@Param('id', uuidParam()) id: string, @Body() body: UpdateOperatorRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'UpdateOperatorDetails', data: { changes: plainData(body), operatorId: id } });
  }

  @Post(':id/deregistration')
  @WriteEndpoint(WRITERS.records)
  deregister(@Param('id', uuidParam()) id: string, @Body() body: DeregisterOperatorRequest, @Write() write: HttpWrite): Promise<WriteAnswer> {
    return runWrite(this.commands, write, { type: 'DeregisterOperator', data: { ...plainData(body), operatorId: id } });
  }

  @Get()
  list(@Query() query: ListOperatorsRequest, @CurrentPrincipal() principal: Principal): Promise<OperatorsPage> {
    const { minPosition, page, pageSize, ...filters } = query;
    return this.queries.execute(new ListOperatorsQuery({ ...filters, page: page ?? 1, pageSize: pageSize ?? 50 }, principal, minPosition));
  }

  /** The operator (replayed from its stream, ETag its revision) with its portfolio on `on` (from the board). */
  @Get(':id')
  async get(
    @Param('id', uuidParam()) id: string,
    @Query() query: OperatorPortfolioRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OperatorView & { portfolio: OperatorPortfolio }> {
    const view = await this.queries.execute(new GetOperatorQuery(id, principal));
    const on = query.on ?? utcDateOf(new Date().toISOString());
    const portfolio = await this.queries.execute(new OperatorPortfolioQuery(id, principal, on, query.minPosition));
    response.setHeader('ETag', `"${view.revision}"`);
    return { ...view, portfolio };
  }

  @Get(':id/history')
  @ApiOkResponse({ type: HistoryEntry, isArray: true })
  history(@Param('id', uuidParam()) id: string, @Query() query: HistoryFiltersRequest, @CurrentPrincipal() principal: Principal): Promise<HistoryEntry[]> {
    return this.queries.execute(new OperatorHistoryQuery(id, principal, historyFiltersOf(query), query.minPosition));
  }
}
