import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { utcDateOf } from '@mandate-ledger/domain';
import type { LateFinancialReport, LatePublication, OverdueInstalment, WrittenAgreementBreach } from '@mandate-ledger/projections';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { type FinanceList, type FinanceListParams, LateFinancialReportsQuery, LatePublicationsQuery, OverdueInstalmentsQuery, WrittenAgreementBreachesQuery } from './finance.queries';
import { FinanceListRequest, WrittenAgreementBreachesRequest } from './finance.request';

const paramsOf = ({ on, departement, minPosition }: FinanceListRequest, principal: Principal): FinanceListParams => ({
  on: on ?? utcDateOf(new Date().toISOString()),
  departement,
  principal,
  minPosition,
});

/** What is late, on a date, by département: instalments, financial reports, open-data publications. */
@ApiTags('finance')
@Controller('finance')
export class FinanceController {
  constructor(private readonly queries: QueryBus) {}

  /** Instalments unpaid past their due date (withheld ones are not: a decision holds them). */
  @Get('overdue-instalments')
  overdueInstalments(@Query() query: FinanceListRequest, @CurrentPrincipal() principal: Principal): Promise<FinanceList<OverdueInstalment>> {
    return this.queries.execute(new OverdueInstalmentsQuery(paramsOf(query, principal)));
  }

  /** Financial reports missing past their due date, and those received late. */
  @Get('late-financial-reports')
  lateFinancialReports(@Query() query: FinanceListRequest, @CurrentPrincipal() principal: Principal): Promise<FinanceList<LateFinancialReport>> {
    return this.queries.execute(new LateFinancialReportsQuery(paramsOf(query, principal)));
  }

  /** Subsidies above the threshold (SCDL, three months from signature) and public contracts (DECP, two months from notification) published late or not yet. */
  @Get('late-publications')
  latePublications(@Query() query: FinanceListRequest, @CurrentPrincipal() principal: Principal): Promise<FinanceList<LatePublication>> {
    return this.queries.execute(new LatePublicationsQuery(paramsOf(query, principal)));
  }

  /** Years whose subsidies of one authority to one operator exceed the threshold with a decision that is no written agreement. */
  @Get('written-agreement-breaches')
  writtenAgreementBreaches(@Query() query: WrittenAgreementBreachesRequest, @CurrentPrincipal() principal: Principal): Promise<{ readonly items: readonly WrittenAgreementBreach[] }> {
    return this.queries.execute(new WrittenAgreementBreachesQuery(principal, query.year, query.minPosition));
  }
}
