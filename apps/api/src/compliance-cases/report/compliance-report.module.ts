import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { openReportArchive, ReportRenderThread } from '@mandate-ledger/reports';
import { AuditModule } from '../../audit/audit.module';
import { AuditRuntime } from '../../audit/audit-runtime';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { BuildComplianceReportHandler } from './build-compliance-report.handler';
import { ComplianceReportController } from './compliance-report.controller';
import { FetchIssuedReportHandler } from './fetch-issued-report.handler';
import { REPORT_ARCHIVE, REPORT_RENDERER, type ReportArchive, type ReportRenderer } from './report-runtime';

/**
 * `GET /compliance-cases/:id/report` (preview), `POST /compliance-cases/:id/reports` (issue) and
 * `GET /compliance-cases/:id/reports/:reportId` (the issued bytes again): reports built and rendered
 * on a worker thread, issued bytes kept in the archive beside the log.
 */
@Module({
  imports: [AuditModule],
  controllers: [ComplianceReportController],
  providers: [
    BuildComplianceReportHandler,
    FetchIssuedReportHandler,
    {
      provide: REPORT_RENDERER,
      inject: [APP_CONFIG, AuditRuntime],
      useFactory: (app: AppConfig, audit: AuditRuntime): ReportRenderer =>
        new ReportRenderThread(app.eventStore, audit.config.vkey, {
          // The thread reads the checkpoint; this one, which holds the key, signs it first.
          beforeBuild: () => audit.checkpointNow(),
          onError: (error) => Logger.error(`Report thread: ${error.message}`, 'Reports'),
        }),
    },
    { provide: REPORT_ARCHIVE, inject: [APP_CONFIG], useFactory: (app: AppConfig) => openReportArchive(app.eventStore) },
  ],
})
export class ComplianceReportModule implements OnApplicationShutdown {
  constructor(
    @Inject(REPORT_RENDERER) private readonly renderer: ReportRenderer,
    @Inject(REPORT_ARCHIVE) private readonly archive: ReportArchive,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.renderer.close();
    await this.archive.close();
  }
}
