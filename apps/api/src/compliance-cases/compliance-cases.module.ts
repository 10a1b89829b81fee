import { Module } from '@nestjs/common';
import { ComplianceCaseHistoryHandler } from './compliance-case-history/compliance-case-history.handler';
import { ComplianceCasesController } from './compliance-cases.controller';
import { GetComplianceCaseHandler } from './get-compliance-case/get-compliance-case.handler';
import { ListComplianceCasesHandler } from './list-compliance-cases/list-compliance-cases.handler';

/** Compliance cases over HTTP: their writes go to the command path; their queries are answered here. */
@Module({
  controllers: [ComplianceCasesController],
  providers: [GetComplianceCaseHandler, ComplianceCaseHistoryHandler, ListComplianceCasesHandler],
})
export class ComplianceCasesModule {}
