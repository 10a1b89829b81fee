import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';
import { IsBoundedText } from '../shared/compliance-case-terms.request';

/** `POST /compliance-cases/:id/notifications`: the deadlines of a decision's obligations run from this date. */
export class RecordComplianceNotificationRequest {
  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: '1705379', description: 'A case number of the decision notified' })
  @IsBoundedText(TEXT_LIMITS.reference)
  decision!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-07-03' })
  @IsCalendarDate()
  notifiedOn!: string;
}
