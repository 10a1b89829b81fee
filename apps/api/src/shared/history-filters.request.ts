import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { ReadYourWritesRequest } from '../read-models/read-your-writes.request';

/** Filters of a stream's history: `recordedAt` range (instants or whole days) and event types. */
export class HistoryFiltersRequest extends ReadYourWritesRequest {
  @ApiPropertyOptional({ description: 'Recorded at or after (ISO 8601 instant, or a date: from its first instant)', example: '2017-10-01' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded at or before (ISO 8601 instant, or a date: to its last instant)', example: '2017-10-31' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Event types, comma-separated or repeated', example: 'MandateSuspended,MandateReinstated' })
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value.join(',') : value))
  @Matches(/^[A-Za-z]+(,[A-Za-z]+)*$/, { message: 'type must be event types separated by commas' })
  type?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The request's filters as the history read model takes them: instants with milliseconds, UTC. */
export const historyFiltersOf = (request: HistoryFiltersRequest): { from?: string; to?: string; types?: string[] } => ({
  from: request.from === undefined ? undefined : new Date(DATE_ONLY.test(request.from) ? `${request.from}T00:00:00.000Z` : request.from).toISOString(),
  to: request.to === undefined ? undefined : new Date(DATE_ONLY.test(request.to) ? `${request.to}T23:59:59.999Z` : request.to).toISOString(),
  types: request.type?.split(','),
});
