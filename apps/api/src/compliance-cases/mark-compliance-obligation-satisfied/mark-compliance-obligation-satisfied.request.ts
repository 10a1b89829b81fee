import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';
import { IsBoundedText } from '../shared/compliance-case-terms.request';

/** `POST /compliance-cases/:id/obligations/:obligationId/satisfaction`. */
export class MarkComplianceObligationSatisfiedRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-09-01' })
  @IsCalendarDate()
  satisfiedOn!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'maraude held daily since 27 July' })
  @IsBoundedText(TEXT_LIMITS.text)
  reason!: string;
}
