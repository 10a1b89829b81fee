import { Body, Controller, Get, Param, Patch, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { plainData } from '../http/plain-data';
import { newResourceId, uuidParam } from '../http/resource-id';
import { Write, type WriteContext } from '../http/write-context';
import { WriteEndpoint } from '../http/write-endpoint';
import type { WriteResult } from '../http/write-result';
import { DeregisterOperatorCommand } from './deregister-operator/deregister-operator.command';
import { DeregisterOperatorRequest } from './deregister-operator/deregister-operator.request';
import { GetOperatorQuery } from './get-operator/get-operator.query';
import type { OperatorView } from './get-operator/operator.view';
import { RegisterOperatorCommand } from './register-operator/register-operator.command';
import { RegisterOperatorRequest } from './register-operator/register-operator.request';
import { UpdateOperatorCommand } from './update-operator/update-operator.command';
import { UpdateOperatorRequest } from './update-operator/update-operator.request';

@ApiTags('operators')
@Controller('operators')
export class OperatorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @WriteEndpoint()
  register(@Body() body: RegisterOperatorRequest, @Write() context: WriteContext): Promise<WriteResult> {
    const { id, ...details } = plainData(body);
    return this.commands.execute(new RegisterOperatorCommand(newResourceId(id, 'operator', context), details, context));
  }

  @Patch(':id')
  @WriteEndpoint(200)
  update(@Param('id', uuidParam()) id: string, @Body() body: UpdateOperatorRequest, @Write() context: WriteContext): Promise<WriteResult> {
    return this.commands.execute(new UpdateOperatorCommand(id, plainData(body), context));
  }

  @Post(':id/deregistration')
  @WriteEndpoint()
  deregister(@Param('id', uuidParam()) id: string, @Body() body: DeregisterOperatorRequest, @Write() context: WriteContext): Promise<WriteResult> {
    return this.commands.execute(new DeregisterOperatorCommand(id, plainData(body), context));
  }

  @Get(':id')
  async get(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<OperatorView> {
    const view = await this.queries.execute(new GetOperatorQuery(id, principal));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
