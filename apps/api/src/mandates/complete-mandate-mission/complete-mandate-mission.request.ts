import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';
import { ReportedFiguresRequest } from '../shared/mandate-terms.request';

/** `POST /mandates/:id/completion`: the final report. */
export class CompleteMandateMissionRequest extends ReportedFiguresRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-12-31' })
  @IsCalendarDate()
  completedOn!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'Daily outreach held every day of the period' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.text)
  summary!: string;
}
