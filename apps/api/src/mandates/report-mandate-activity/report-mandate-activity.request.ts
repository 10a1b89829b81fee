import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { ReportedFiguresRequest } from '../shared/mandate-terms.request';

/** `POST /mandates/:id/activity-reports`: indicator values for a period. */
export class ReportMandateActivityRequest extends ReportedFiguresRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-08-01' })
  @IsCalendarDate()
  periodStart!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-08-31' })
  @IsCalendarDate()
  periodEnd!: string;
}
