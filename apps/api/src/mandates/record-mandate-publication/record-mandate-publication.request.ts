import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OPEN_DATA_SETS, type OpenDataSet } from '@mandate-ledger/domain';
import { IsCalendarDate } from '../../http/is-calendar-date';

/** `POST /mandates/:id/publications`: the decision's essential data were published on data.gouv.fr. */
export class RecordMandatePublicationRequest {
  @ApiProperty({ enum: OPEN_DATA_SETS, example: 'scdl_subventions', description: 'scdl_subventions for a subsidy, decp for a public contract' })
  @IsIn(OPEN_DATA_SETS)
  dataset!: OpenDataSet;

  @ApiProperty({ type: String, format: 'date', example: '2017-09-01' })
  @IsCalendarDate()
  publishedOn!: string;
}
