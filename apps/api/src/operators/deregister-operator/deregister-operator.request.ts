import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';

/** `POST /operators/:id/deregistration`. */
export class DeregisterOperatorRequest {
  @ApiProperty({ type: String, format: 'date', example: '2018-06-30' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'association dissolved' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.text)
  reason!: string;
}
