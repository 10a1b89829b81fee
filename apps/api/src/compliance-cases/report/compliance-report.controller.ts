import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ApplicationCommand, CommandResult, Role } from '@mandate-ledger/application';
import type { Signatory } from '@mandate-ledger/domain';
import { issueComplianceReport, type IssuedReportFile, type RenderedReport } from '@mandate-ledger/reports';
import { RunCommand } from '../../application/run-command';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { plainData } from '../../http/plain-data';
import { ProblemError } from '../../http/problem';
import { uuidParam } from '../../http/uuid-param';
import { type HttpWrite, Write } from '../../http/write-context';
import { WriteEndpoint } from '../../http/write-endpoint';
import type { WriteAnswer } from '../../http/write-result';
import { BuildComplianceReportQuery } from './build-compliance-report.query';
import { ComplianceReportRequest, IssueComplianceReportRequest } from './compliance-report.request';
import { FetchIssuedReportQuery } from './fetch-issued-report.query';
import { asReportProblem, REPORT_ARCHIVE, REPORT_RENDERER, type ReportArchive, type ReportRenderer } from './report-runtime';

/** Whoever may read a case's report may issue it: auditors too (the case's own writers are officers and admins). */
const REPORT_ISSUERS: readonly Role[] = ['officer', 'auditor', 'admin'];

/** What `POST …/reports` answers besides `{id, revision, position}`: the recorded hash and how to fetch the file. */
export type IssuedReportAnswer = WriteAnswer & { readonly reportSha256: string; readonly byteLength: number; readonly format: string; readonly fileName: string; readonly location: string };

const serve = (response: Response, file: { bytes: Buffer; contentType: string; fileName: string; sha256: string }, status: 'draft' | 'issued'): void => {
  response
    .status(200)
    .setHeader('Content-Type', file.contentType)
    .setHeader('Content-Disposition', `${file.contentType.startsWith('application/json') ? 'inline' : 'attachment'}; filename="${file.fileName}"`)
    .setHeader('X-Report-Sha256', file.sha256)
    .setHeader('X-Report-Status', status)
    .setHeader('Cache-Control', 'no-store')
    .end(file.bytes);
};

/** The signatory of a preview: all three fields or none. */
const previewSignatory = ({ signatoryPlace: place, signatoryName: name, signatoryQuality: quality }: ComplianceReportRequest): Signatory | undefined => {
  if (place === undefined && name === undefined && quality === undefined) return undefined;
  if (place === undefined || name === undefined || quality === undefined) {
    const missing = Object.entries({ signatoryPlace: place, signatoryName: name, signatoryQuality: quality }).filter(([, value]) => value === undefined);
    throw new ProblemError(
      400,
      'VALIDATION_FAILED',
      'signatoryPlace, signatoryName and signatoryQuality go together',
      missing.map(([field]) => ({ field, messages: [`${field} is required with the other signatory fields`] })),
    );
  }
  return { place, name, quality };
};

@ApiTags('compliance-cases')
@Controller('compliance-cases')
export class ComplianceReportController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    @Inject(REPORT_RENDERER) private readonly renderer: ReportRenderer,
    @Inject(REPORT_ARCHIVE) private readonly archive: ReportArchive,
  ) {}

  /**
   * A preview of the compliance report (DESIGN §3), marked PROJET in every format, recorded
   * nowhere: any number may run at once. Built and rendered on the report thread.
   * `X-Report-Sha256` is the hash of these bytes; `X-Report-Status: draft`.
   */
  @Get(':id/report')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'json: an evidence bundle whose attachments.complianceReport holds the figures, attachments.document the rest; csv; pdf' })
  async report(@Param('id', uuidParam()) id: string, @Query() query: ComplianceReportRequest, @CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    const now = new Date().toISOString();
    const asKnownAt = query.asKnownAt === undefined ? now : new Date(query.asKnownAt).toISOString();
    const format = query.format ?? 'json';
    const request = { from: query.from, to: query.to, asKnownAt, format, csvDialect: format === 'csv' ? query.csv : undefined, signatory: previewSignatory(query) };
    const report: RenderedReport = await this.queries.execute(new BuildComplianceReportQuery(id, principal, request, now));
    serve(response, report, 'draft');
  }

  /**
   * Issues a report: renders it as issued (no PROJET mark; its id, issuer and signatory in the
   * document), keeps its bytes, and records `ComplianceReportIssued` (their SHA-256, the
   * parameters, who and when) on the report's own stream `compliance_report-<id>`, so that it never
   * competes with the case's writers. 201 with the report's id; `Location` fetches the same bytes.
   */
  @Post(':id/reports')
  @WriteEndpoint(REPORT_ISSUERS)
  async issue(
    @Param('id', uuidParam()) id: string,
    @Body() body: IssueComplianceReportRequest,
    @CurrentPrincipal() principal: Principal,
    @Write() write: HttpWrite,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IssuedReportAnswer> {
    const { from, to, asKnownAt, format = 'json', csv, signatory } = plainData(body);
    const { context } = write;
    const reportId = write.newId(undefined, 'compliance_report');
    const request = {
      complianceCaseId: id,
      from,
      to,
      asKnownAt: asKnownAt === undefined ? context.now : new Date(asKnownAt).toISOString(),
      format,
      ...(format === 'csv' && csv !== undefined && { csvDialect: csv }),
      ...(signatory !== undefined && { signatory }),
    };
    const run = (command: ApplicationCommand): Promise<CommandResult> => this.commands.execute(new RunCommand(command, context));
    let outcome;
    try {
      outcome = await issueComplianceReport({ renderer: this.renderer, archive: this.archive, run }, request, { actor: principal, now: context.now, reportId });
    } catch (error) {
      throw asReportProblem(error);
    }
    // A retry with the same Idempotency-Key answers the report first issued, whose bytes may differ from this rendering.
    const recorded: IssuedReportFile | undefined = outcome.result.appended ? undefined : await this.queries.execute(new FetchIssuedReportQuery(id, reportId, principal));
    const location = `/compliance-cases/${id}/reports/${reportId}`;
    response.setHeader('Location', location);
    return {
      ...write.answer(outcome.result),
      reportSha256: recorded?.sha256 ?? outcome.report.sha256,
      byteLength: recorded?.bytes.length ?? outcome.report.bytes.length,
      format: recorded?.issued.format ?? format,
      fileName: recorded?.fileName ?? outcome.report.fileName,
      location,
    };
  }

  /** The bytes of an issued report, exactly as issued: `X-Report-Sha256` is the hash its issuance recorded. */
  @Get(':id/reports/:reportId')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'The issued file, byte for byte' })
  async issued(
    @Param('id', uuidParam()) id: string,
    @Param('reportId', uuidParam()) reportId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    const file: IssuedReportFile = await this.queries.execute(new FetchIssuedReportQuery(id, reportId, principal));
    serve(response, file, 'issued');
  }
}
