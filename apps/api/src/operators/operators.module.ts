import { Module } from '@nestjs/common';
import { DeregisterOperatorHandler } from './deregister-operator/deregister-operator.handler';
import { GetOperatorHandler } from './get-operator/get-operator.handler';
import { OperatorsController } from './operators.controller';
import { RegisterOperatorHandler } from './register-operator/register-operator.handler';
import { UpdateOperatorHandler } from './update-operator/update-operator.handler';

@Module({
  controllers: [OperatorsController],
  providers: [RegisterOperatorHandler, UpdateOperatorHandler, DeregisterOperatorHandler, GetOperatorHandler],
})
export class OperatorsModule {}
