import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';

/** `POST /mandates/:id/reinstatements`. */
export class ReinstateMandateRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-10-09' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'AP-2017-1011' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  decisionReference!: string;
}
