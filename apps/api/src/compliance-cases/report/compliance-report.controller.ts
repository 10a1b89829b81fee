import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { uuidParam } from '../../http/resource-id';
import { Write, type WriteContext } from '../../http/write-context';
import type { WriteResult } from '../../http/write-result';
import { BuildComplianceReportQuery } from './build-compliance-report.query';
import { ComplianceReportRequest } from './compliance-report.request';
import type { RenderedReport } from './compliance-report.render';
import { RecordComplianceReportCommand } from './record-compliance-report.command';

@ApiTags('compliance-cases')
@Controller('compliance-cases')
export class ComplianceReportController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  /**
   * The compliance report (DESIGN §3): built, then issued (`ComplianceReportIssued` with the SHA-256
   * of the bytes served), then served. `X-Report-Sha256` is that hash; `X-Report-Position` and
   * `X-Report-Revision` place the issuance event in the log and the case's stream.
   */
  @Get(':id/report')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'json: an evidence bundle whose attachments.complianceReport holds the figures; csv; pdf' })
  async report(
    @Param('id', uuidParam()) id: string,
    @Query() query: ComplianceReportRequest,
    @CurrentPrincipal() principal: Principal,
    @Write() context: WriteContext,
    @Res() response: Response,
  ): Promise<void> {
    const asKnownAt = query.asKnownAt === undefined ? context.now : new Date(query.asKnownAt).toISOString();
    const format = query.format ?? 'json';
    const report: RenderedReport = await this.queries.execute(
      new BuildComplianceReportQuery(id, principal, { from: query.from, to: query.to, asKnownAt, format }, context.now),
    );
    const result: WriteResult = await this.commands.execute(
      new RecordComplianceReportCommand(id, { reportSha256: report.sha256, period: report.period, asKnownAt: report.asKnownAt, format }, context),
    );
    response
      .status(200)
      .setHeader('Content-Type', report.contentType)
      .setHeader('Content-Disposition', `${format === 'json' ? 'inline' : 'attachment'}; filename="${report.fileName}"`)
      .setHeader('X-Report-Sha256', report.sha256)
      .setHeader('X-Report-Position', result.position)
      .setHeader('X-Report-Revision', String(result.revision))
      .setHeader('Cache-Control', 'no-store')
      .end(report.bytes);
  }
}
