import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';

/** `POST /mandates/:id/terminations`. The mandate is in force until the day before `effectiveFrom`. */
export class TerminateMandateRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-11-15' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'operator withdrew' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.text)
  reason!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'AP-2017-1115' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  decisionReference!: string;
}
