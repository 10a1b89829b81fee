import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** `minPosition`, accepted by every query: the `position` a write returned, to read that write. */
export class ReadYourWritesRequest {
  @ApiPropertyOptional({
    description: 'Wait (at most 5 s, then 503 PROJECTION_LAGGING with Retry-After) until the read models have applied this position of the log',
    example: '1042',
  })
  @IsOptional()
  @Matches(/^\d{1,40}$/, { message: 'minPosition must be a position: a decimal integer' })
  minPosition?: string;
}
