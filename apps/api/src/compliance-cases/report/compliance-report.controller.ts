import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import type { CommandResult } from '@mandate-ledger/application';
import { RunCommand } from '../../application/run-command';
import { uuidParam } from '../../http/uuid-param';
import { type HttpWrite, Write } from '../../http/write-context';
import { BuildComplianceReportQuery } from './build-compliance-report.query';
import { ComplianceReportRequest } from './compliance-report.request';
import type { RenderedReport } from '@mandate-ledger/reports';

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
    @Write() write: HttpWrite,
    @Res() response: Response,
  ): Promise<void> {
    const { context } = write;
    const asKnownAt = query.asKnownAt === undefined ? context.now : new Date(query.asKnownAt).toISOString();
    const format = query.format ?? 'json';
    const report: RenderedReport = await this.queries.execute(
      new BuildComplianceReportQuery(id, principal, { from: query.from, to: query.to, asKnownAt, format }, context.now),
    );
    // Issued after it was built, so a report never holds its own issuance. The request's If-Match and
    // Idempotency-Key apply to no report: each one is issued.
    const issuing = { ...context, now: new Date().toISOString(), expectedRevision: undefined, idempotency: undefined };
    const issue = { type: 'IssueComplianceReport', data: { complianceCaseId: id, reportSha256: report.sha256, period: report.period, asKnownAt: report.asKnownAt, format } } as const;
    const result: CommandResult = await this.commands.execute(new RunCommand(issue, issuing));
    response
      .status(200)
      .setHeader('Content-Type', report.contentType)
      .setHeader('Content-Disposition', `${format === 'json' ? 'inline' : 'attachment'}; filename="${report.fileName}"`)
      .setHeader('X-Report-Sha256', report.sha256)
      .setHeader('X-Report-Position', result.position.toString())
      .setHeader('X-Report-Revision', String(result.revision))
      .setHeader('Cache-Control', 'no-store')
      .end(report.bytes);
  }
}
