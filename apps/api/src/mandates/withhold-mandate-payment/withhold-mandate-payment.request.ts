import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { IsOptionalNotNull, TEXT_LIMITS } from '../../http/request-validators';

/** `POST /mandates/:id/payment-withholdings`: the instalment due on `dueDate` is not paid, for a stated reason. */
export class WithholdMandatePaymentRequest {
  @ApiProperty({ type: String, format: 'date', example: '2018-09-15', description: 'The due date of the instalment withheld' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiProperty({ type: String, format: 'date', example: '2018-09-10' })
  @IsCalendarDate()
  decidedOn!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.reference, example: 'AP-2018-0910' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.reference)
  decisionReference!: string;

  @ApiProperty({ maxLength: TEXT_LIMITS.text, example: 'compte rendu financier 2017 non reçu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.text)
  reason!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1900, maximum: 2200, example: 2017, description: 'The financial year whose report, missing past its due date, is the reason' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1900)
  @Max(2200)
  financialReportYear?: number;
}
