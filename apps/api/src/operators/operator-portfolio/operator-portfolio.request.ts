import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { ReadYourWritesRequest } from '../../read-models/read-your-writes.request';

export class OperatorPortfolioRequest extends ReadYourWritesRequest {
  @ApiPropertyOptional({ description: 'Date of the portfolio (mandates in effect, FTE committed); default today (UTC)', example: '2017-09-15' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}
