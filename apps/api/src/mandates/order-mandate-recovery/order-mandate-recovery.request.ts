import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { MAX_AMOUNT_CENTS, TEXT_LIMITS } from '../../http/request-validators';

/** `POST /mandates/:id/recoveries`: a titre de perception, for part of what was paid. */
export class OrderMandateRecoveryRequest {
  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'TP-2018-0042', description: 'The titre de perception' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  titreReference!: string;

  @ApiProperty({ type: String, format: 'date', example: '2018-07-02' })
  @IsCalendarDate()
  orderedOn!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_AMOUNT_CENTS, example: 1500000, description: 'Integer euro cents, at most what was paid and not yet recovered' })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amountCents!: number;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'unspent balance of 2017' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.text)
  reason!: string;
}
