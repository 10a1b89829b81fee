import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { IsUuid } from '../../http/request-validators';
import { IsObligationId, OBLIGATION_ID } from '../shared/compliance-case-terms.request';

/** `POST /compliance-cases/:id/measures`: a mandate implements an obligation from a date. */
export class LinkComplianceMeasureRequest {
  @ApiProperty({ pattern: OBLIGATION_ID.source, example: 'art-2-maraude' })
  @IsObligationId()
  obligationId!: string;

  @ApiProperty({ format: 'uuid', example: '0190f1c2-7a3b-7c4d-9e5f-6a7b8c9d0e1f' })
  @IsUuid()
  mandateId!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-07-27' })
  @IsCalendarDate()
  effectiveFrom!: string;
}
