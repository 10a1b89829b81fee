import { Module } from '@nestjs/common';
import { GetOperatorHandler } from './get-operator/get-operator.handler';
import { ListOperatorsHandler } from './list-operators/list-operators.handler';
import { OperatorHistoryHandler } from './operator-history/operator-history.handler';
import { OperatorPortfolioHandler } from './operator-portfolio/operator-portfolio.handler';
import { OperatorsController } from './operators.controller';

/** Operators over HTTP: their writes go to the command path; their queries are answered here. */
@Module({
  controllers: [OperatorsController],
  providers: [GetOperatorHandler, ListOperatorsHandler, OperatorHistoryHandler, OperatorPortfolioHandler],
})
export class OperatorsModule {}
