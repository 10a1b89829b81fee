import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { TEXT_LIMITS } from '../../http/request-validators';
import { ARRAY_LIMITS, IndicatorValueRequest, StaffingRequest } from '../shared/mandate-terms.request';

/** `POST /mandates/:id/completion`: the final report. */
export class CompleteMandateMissionRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-12-31' })
  @IsCalendarDate()
  completedOn!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'Daily outreach held every day of the period' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.text)
  summary!: string;

  @ApiProperty({ type: () => [IndicatorValueRequest], maxItems: ARRAY_LIMITS.indicators, example: [{ name: 'minors_found', value: 612 }] })
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
