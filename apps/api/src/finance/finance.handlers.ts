import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { mandateReadScope } from '@mandate-ledger/application';
import {
  type LateFinancialReport,
  type LatePublication,
  mandatesBoardProjection,
  type OverdueInstalment,
  queryLateFinancialReports,
  queryLatePublications,
  queryOverdueInstalments,
  queryWrittenAgreementBreaches,
  type WrittenAgreementBreach,
} from '@mandate-ledger/projections';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReadModels } from '../read-models/read-models.service';
import { type FinanceList, type FinanceListParams, LateFinancialReportsQuery, LatePublicationsQuery, OverdueInstalmentsQuery, WrittenAgreementBreachesQuery } from './finance.queries';

const BOARD = mandatesBoardProjection.name;

/** The board's mandates within the principal's scope (officers: their départements; operators: their own), once it has reached `minPosition`. */
const filtersOf = async (readModels: ReadModels, { on, departement, principal, minPosition }: FinanceListParams) => {
  await readModels.reached([BOARD], minPosition);
  return { on, departement, ...mandateReadScope(principal) };
};

@QueryHandler(OverdueInstalmentsQuery)
export class OverdueInstalmentsHandler implements IQueryHandler<OverdueInstalmentsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params }: OverdueInstalmentsQuery): Promise<FinanceList<OverdueInstalment>> {
    const filters = await filtersOf(this.readModels, params);
    return this.readModels.answer(BOARD, await queryOverdueInstalments(this.readModels.store, filters));
  }
}

@QueryHandler(LateFinancialReportsQuery)
export class LateFinancialReportsHandler implements IQueryHandler<LateFinancialReportsQuery> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ params }: LateFinancialReportsQuery): Promise<FinanceList<LateFinancialReport>> {
    const filters = await filtersOf(this.readModels, params);
    return this.readModels.answer(BOARD, await queryLateFinancialReports(this.readModels.store, { ...filters, dueMonths: this.config.financialReportDueMonths }));
  }
}

@QueryHandler(LatePublicationsQuery)
export class LatePublicationsHandler implements IQueryHandler<LatePublicationsQuery> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ params }: LatePublicationsQuery): Promise<FinanceList<LatePublication>> {
    const filters = await filtersOf(this.readModels, params);
    return this.readModels.answer(BOARD, await queryLatePublications(this.readModels.store, { ...filters, thresholdCents: this.config.writtenAgreementThresholdCents }));
  }
}

@QueryHandler(WrittenAgreementBreachesQuery)
export class WrittenAgreementBreachesHandler implements IQueryHandler<WrittenAgreementBreachesQuery> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ principal, year, minPosition }: WrittenAgreementBreachesQuery): Promise<{ items: WrittenAgreementBreach[] }> {
    await this.readModels.reached([BOARD], minPosition);
    const filters = { ...mandateReadScope(principal), year, thresholdCents: this.config.writtenAgreementThresholdCents };
    return this.readModels.answer(BOARD, await queryWrittenAgreementBreaches(this.readModels.store, filters));
  }
}
