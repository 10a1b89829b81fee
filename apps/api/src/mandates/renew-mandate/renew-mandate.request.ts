import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { IsOptionalNotNull, TEXT_LIMITS } from '../../http/request-validators';
import { FinancingRequest } from '../shared/mandate-terms.request';

/** `POST /mandates/:id/renewals`. */
export class RenewMandateRequest {
  @ApiProperty({ type: String, format: 'date', example: '2018-12-31' })
  @IsCalendarDate()
  newEnd!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'CONV-2018-62-003' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  decisionReference!: string;

  @ApiPropertyOptional({ type: () => FinancingRequest, description: 'Funds the added days only' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => FinancingRequest)
  financing?: FinancingRequest;
}
