import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, ValidateNested } from 'class-validator';
import { CSV_DIALECTS, type CsvDialect, REPORT_FORMATS, type ReportFormat, type Signatory } from '@mandate-ledger/domain';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { IsOptionalNotNull, TEXT_LIMITS } from '../../http/request-validators';
import { IsBoundedText } from '../shared/compliance-case-terms.request';

/** What a preview and an issued report share: the period (effective dates), the instant the record is read as of, the format. */
export class ReportParametersRequest {
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

  @ApiPropertyOptional({
    enum: CSV_DIALECTS,
    description: 'With format=csv: rfc4180 (default: comma, no byte-order mark) or excel-fr (semicolon, decimal comma, UTF-8 BOM: opens as columns in French spreadsheet software)',
  })
  @IsOptional()
  @IsIn(CSV_DIALECTS)
  csv?: CsvDialect;
}

/** `GET /compliance-cases/:id/report`: a preview, marked PROJET, recorded nowhere. The signatory may be previewed too. */
export class ComplianceReportRequest extends ReportParametersRequest {
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.name, description: 'Fait à …: where the report is signed (with signatoryName and signatoryQuality)', example: 'Arras' })
  @IsOptional()
  @IsBoundedText(TEXT_LIMITS.name)
  signatoryPlace?: string;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.name, example: 'Claire Martin' })
  @IsOptional()
  @IsBoundedText(TEXT_LIMITS.name)
  signatoryName?: string;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.name, example: 'Directrice de cabinet du préfet du Pas-de-Calais' })
  @IsOptional()
  @IsBoundedText(TEXT_LIMITS.name)
  signatoryQuality?: string;
}

/** « Fait à {place}, le {date d'émission} », then the name and quality of who signs. */
export class SignatoryRequest implements Signatory {
  @ApiProperty({ maxLength: TEXT_LIMITS.name, example: 'Arras' })
  @IsBoundedText(TEXT_LIMITS.name)
  place!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.name, example: 'Claire Martin' })
  @IsBoundedText(TEXT_LIMITS.name)
  name!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.name, example: 'Directrice de cabinet du préfet du Pas-de-Calais' })
  @IsBoundedText(TEXT_LIMITS.name)
  quality!: string;
}

/** `POST /compliance-cases/:id/reports`: issue a report. */
export class IssueComplianceReportRequest extends ReportParametersRequest {
  @ApiPropertyOptional({ type: SignatoryRequest })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => SignatoryRequest)
  signatory?: SignatoryRequest;
}
