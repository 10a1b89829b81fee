import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';
import { IsBoundedText } from '../shared/compliance-case-terms.request';

/** `POST /compliance-cases/:id/closure`: the case takes no more facts, only reports. */
export class CloseComplianceCaseRequest {
  @ApiProperty({ type: String, format: 'date', example: '2018-01-10' })
  @IsCalendarDate()
  closedOn!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'injunctions executed' })
  @IsBoundedText(TEXT_LIMITS.text)
  reason!: string;
}
