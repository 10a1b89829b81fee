import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from '@mandate-ledger/domain';
import { IsCalendarDate } from '../../http/is-calendar-date';

/** `GET /compliance-cases/:id/report`: the period (effective dates), the instant the record is read as of, the format. */
export class ComplianceReportRequest {
  @ApiPropertyOptional({ description: 'First day of the period (YYYY-MM-DD); default the date of the opening decision', example: '2017-06-26' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day of the period (YYYY-MM-DD), not after today; default the date of asKnownAt (UTC)', example: '2017-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Instant (ISO 8601): only events recorded up to it count; default now', example: '2018-01-15T09:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asKnownAt?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'json: the evidence bundle with the report; csv: the figures; pdf: for the court. Default json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
