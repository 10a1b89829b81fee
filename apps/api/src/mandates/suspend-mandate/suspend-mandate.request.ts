import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';

/** `POST /mandates/:id/suspensions`. The effective date may lie in the past. */
export class SuspendMandateRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-10-02' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'staff safety after violent incidents' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.text)
  reason!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'AP-2017-1004' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  decisionReference!: string;
}
