import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { ReadYourWritesRequest } from '../../read-models/read-your-writes.request';

/** `asKnownAt`: only events recorded up to then. Read by replaying the stream, so any `minPosition` is already satisfied. */
export class GetComplianceCaseRequest extends ReadYourWritesRequest {
  @ApiPropertyOptional({ description: 'Instant (ISO 8601): replay only the events recorded up to it', example: '2018-03-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asKnownAt?: string;
}
