import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../http/is-calendar-date';
import { ReadYourWritesRequest } from '../read-models/read-your-writes.request';

/** The finance lists: what is late on a date, in a département. */
export class FinanceListRequest extends ReadYourWritesRequest {
  @ApiPropertyOptional({ description: 'The date things are late on (YYYY-MM-DD); default today (UTC)', example: '2018-09-30' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ description: 'Département of the territory in force on `on`', example: '62' })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B|97\d)$/, { message: 'departement must be a département code such as 62, 2A or 971' })
  departement?: string;
}

export class WrittenAgreementBreachesRequest extends ReadYourWritesRequest {
  @ApiPropertyOptional({ type: 'integer', example: 2017, description: 'Only this calendar year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;
}
