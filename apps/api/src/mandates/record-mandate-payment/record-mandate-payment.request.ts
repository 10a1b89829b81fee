import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { MAX_AMOUNT_CENTS, TEXT_LIMITS } from '../../http/request-validators';

/** `POST /mandates/:id/payments`: a payment towards the instalment due on `dueDate`, as Chorus records it. */
export class RecordMandatePaymentRequest {
  @ApiProperty({ type: String, format: 'date', example: '2017-08-15', description: 'The due date of the instalment paid (it names it)' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiProperty({ type: String, format: 'date', example: '2017-08-21' })
  @IsCalendarDate()
  paidOn!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_AMOUNT_CENTS, example: 6000000, description: 'Integer euro cents, at most what remains of the instalment' })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_CENTS)
  amountCents!: number;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'DP-2017-000871', description: 'The Chorus payment reference' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  chorusReference!: string;
}
