import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { BuildComplianceReportHandler } from './build-compliance-report.handler';
import { ComplianceReportController } from './compliance-report.controller';

/** `GET /compliance-cases/:id/report`: the report, its evidence, and its issuance on the case's stream. */
@Module({
  imports: [AuditModule],
  controllers: [ComplianceReportController],
  providers: [BuildComplianceReportHandler],
})
export class ComplianceReportModule {}
