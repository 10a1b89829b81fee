import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { IsOptionalNotNull, MAX_AMOUNT_CENTS, TEXT_LIMITS } from '../../http/request-validators';
import { IsBoundedText, IsObligationId, OBLIGATION_ID } from '../shared/compliance-case-terms.request';

/** The days a liquidation covers, both included. */
export class LiquidatedDaysRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-07-14' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-07-26' })
  @IsCalendarDate()
  to!: string;
}

/** `POST /compliance-cases/:id/liquidations`: the judge liquidates the penalty an obligation runs under (CJA L.911-7, L.911-8). */
export class LiquidateCompliancePenaltyRequest {
  @ApiProperty({
    pattern: OBLIGATION_ID.source,
    example: 'maraude-minors',
    description: 'Names the penalty: the obligation’s own, or the one it shares with its article or decision',
  })
  @IsObligationId()
  obligationId!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'TA Lille 1707711', description: 'The liquidating decision' })
  @IsBoundedText(TEXT_LIMITS.reference)
  decisionReference!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-10-20' })
  @IsCalendarDate()
  liquidatedOn!: string;

  @ApiProperty({ type: () => LiquidatedDaysRequest, description: 'The days liquidated, on or before liquidatedOn' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LiquidatedDaysRequest)
  period!: LiquidatedDaysRequest;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT_CENTS, example: 90000, description: 'Integer euro cents, at most the amount a day times the days' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  amountCents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT_CENTS, example: 22500, description: 'The part paid to the State budget rather than to the applicant (L.911-8)' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  stateShareCents!: number;

  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.text, example: 'diligences accomplies par le préfet depuis la notification', description: 'The judge’s grounds for moderating' })
  @IsOptionalNotNull()
  @IsBoundedText(TEXT_LIMITS.text)
  moderation?: string;
}
