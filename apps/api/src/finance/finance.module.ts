import { Module } from '@nestjs/common';
import { FinanceController } from './finance.controller';
import { LateFinancialReportsHandler, LatePublicationsHandler, OverdueInstalmentsHandler, WrittenAgreementBreachesHandler } from './finance.handlers';

/** The finance lists, answered from the board. */
@Module({
  controllers: [FinanceController],
  providers: [OverdueInstalmentsHandler, LateFinancialReportsHandler, LatePublicationsHandler, WrittenAgreementBreachesHandler],
})
export class FinanceModule {}
