import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReadYourWritesRequest } from './read-your-writes.request';

/** Far beyond any list of this service, and small enough that the offset stays an integer every store takes. */
export const MAX_PAGE = 1_000_000;

/** `page` and `pageSize` of the lists served from read models, with `minPosition`. */
export class PageRequest extends ReadYourWritesRequest {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
