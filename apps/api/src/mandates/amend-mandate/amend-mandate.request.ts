import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { HasAtLeastOneOf, IsOptionalNotNull, TEXT_LIMITS } from '../../http/request-validators';
import { ARRAY_LIMITS, FinancingRequest, MissionRequest, StaffingRequest, TerritoryRequest } from '../shared/mandate-terms.request';

/** Sections given replace the former ones whole (`financing`: that of the period containing `effectiveFrom`). */
export class MandateChangesRequest {
  @ApiPropertyOptional({ type: () => [MissionRequest], minItems: 1, maxItems: ARRAY_LIMITS.missions })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ARRAY_LIMITS.missions)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MissionRequest)
  missions?: MissionRequest[];

  @ApiPropertyOptional({ type: () => TerritoryRequest })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => TerritoryRequest)
  territory?: TerritoryRequest;

  @ApiPropertyOptional({ type: () => FinancingRequest })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => FinancingRequest)
  financing?: FinancingRequest;

  @ApiPropertyOptional({ type: () => StaffingRequest, example: { salariedFte: 8 } })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => StaffingRequest)
  staffing?: StaffingRequest;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2018-03-31' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  periodEnd?: string;
}

export const MANDATE_CHANGE_SECTIONS = ['missions', 'territory', 'financing', 'staffing', 'periodEnd'] as const;

/** `POST /mandates/:id/amendments`. */
export class AmendMandateRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-09-01' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'AVENANT-2017-62-014-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  decisionReference!: string;

  @ApiProperty({ type: () => MandateChangesRequest, description: `At least one of ${MANDATE_CHANGE_SECTIONS.join(', ')}` })
  @IsDefined()
  @IsObject()
  @HasAtLeastOneOf(MANDATE_CHANGE_SECTIONS)
  @ValidateNested()
  @Type(() => MandateChangesRequest)
  changes!: MandateChangesRequest;
}
