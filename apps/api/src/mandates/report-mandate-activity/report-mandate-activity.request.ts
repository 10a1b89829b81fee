import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsObject, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { ARRAY_LIMITS, IndicatorValueRequest, StaffingRequest } from '../shared/mandate-terms.request';

/** `POST /mandates/:id/activity-reports`: indicator values for a period. */
export class ReportMandateActivityRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-08-01' })
  @IsCalendarDate()
  periodStart!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-08-31' })
  @IsCalendarDate()
  periodEnd!: string;

  @ApiProperty({ type: () => [IndicatorValueRequest], maxItems: ARRAY_LIMITS.indicators, example: [{ name: 'minors_found', value: 143 }] })
  @IsArray()
  @ArrayMaxSize(ARRAY_LIMITS.indicators)
  @ValidateNested({ each: true })
  @Type(() => IndicatorValueRequest)
  indicators!: IndicatorValueRequest[];

  @ApiProperty({ type: () => StaffingRequest, example: { salariedFte: 6, volunteers: 12 } })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => StaffingRequest)
  staff!: StaffingRequest;
}
