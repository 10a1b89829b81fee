import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { MANDATE_STATUSES, MISSION_TYPES, type MandateStatus, type MissionType } from '@mandate-ledger/domain';
import { IsCalendarDate } from '../../http/is-calendar-date';
import { PageRequest } from '../../read-models/page.request';

/** The officers' board: every filter is optional; statuses and terms are those of the `on` date. */
export class ListMandatesRequest extends PageRequest {
  @ApiPropertyOptional({ enum: MANDATE_STATUSES, description: 'Status on the `on` date' })
  @IsOptional()
  @IsIn(MANDATE_STATUSES)
  status?: MandateStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  operatorId?: string;

  @ApiPropertyOptional({ enum: MISSION_TYPES, description: 'A mission in force on the `on` date' })
  @IsOptional()
  @IsIn(MISSION_TYPES)
  missionType?: MissionType;

  @ApiPropertyOptional({ description: 'Département of the territory in force on the `on` date', example: '62' })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B|97\d)$/, { message: 'departement must be a département code such as 62, 2A or 971' })
  departement?: string;

  @ApiPropertyOptional({ description: 'INSEE commune code (not a postal code): mandates naming it or covering its whole département', example: '62193' })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B)\d{3}$/, { message: 'commune must be an INSEE commune code such as 62193' })
  commune?: string;

  @ApiPropertyOptional({ description: 'Effective date (YYYY-MM-DD); default today (UTC)', example: '2017-09-15' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ description: 'Instant (ISO 8601): answer from the events recorded up to it', example: '2018-03-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asKnownAt?: string;

  @ApiPropertyOptional({ description: 'In force on `on` with a period ending within this many days', example: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3660)
  expiringWithinDays?: number;
}
