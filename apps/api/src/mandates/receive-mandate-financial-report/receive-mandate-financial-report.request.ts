import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { MAX_AMOUNT_CENTS } from '../../http/request-validators';

/** `POST /mandates/:id/financial-reports`: the compte rendu financier of one financial year, as received. */
export class ReceiveMandateFinancialReportRequest {
  @ApiProperty({ type: 'integer', minimum: 1900, maximum: 2200, example: 2017, description: 'A calendar year the mandate was in force in' })
  @IsInt()
  @Min(1900)
  @Max(2200)
  financialYear!: number;

  @ApiProperty({ type: String, format: 'date', example: '2018-05-02' })
  @IsCalendarDate()
  receivedOn!: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_AMOUNT_CENTS, example: 11400000, description: 'What the operator spent of the subsidy that year, integer euro cents' })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  spentCents!: number;
}
