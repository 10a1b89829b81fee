import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageRequest } from '../../read-models/page.request';
import { IsCalendarDate } from '../../http/is-calendar-date';

export class ListComplianceCasesRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ description: 'Cases with an obligation in this département', example: '62' })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B|97\d)$/, { message: 'departement must be a département code such as 62, 2A or 971' })
  departement?: string;

  @ApiPropertyOptional({ description: 'Cases this mandate is linked to as a measure', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  mandateId?: string;

  @ApiPropertyOptional({ description: 'Cases with an obligation neither satisfied, contested nor superseded whose deadline is before this date', example: '2017-07-14' })
  @IsOptional()
  @IsCalendarDate()
  overdueOn?: string;
}
