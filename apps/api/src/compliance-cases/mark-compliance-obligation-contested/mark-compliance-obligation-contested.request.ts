import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';
import { IsBoundedText } from '../shared/compliance-case-terms.request';

/** `POST /compliance-cases/:id/obligations/:obligationId/contestation`. */
export class MarkComplianceObligationContestedRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-10-10' })
  @IsCalendarDate()
  contestedOn!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.name, example: 'Secours catholique' })
  @IsBoundedText(TEXT_LIMITS.name)
  contestedBy!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'no maraude during the suspension' })
  @IsBoundedText(TEXT_LIMITS.text)
  reason!: string;
}
