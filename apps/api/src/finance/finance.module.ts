import { Module } from '@nestjs/common';
import { FinanceController } from './finance.controller';
import { LateFinancialReportsHandler, LatePublicationsHandler, OverdueInstalmentsHandler } from './finance.handlers';

/** The finance lists, answered from the board. */
@Module({
  controllers: [FinanceController],
  providers: [OverdueInstalmentsHandler, LateFinancialReportsHandler, LatePublicationsHandler],
})
export class FinanceModule {}
