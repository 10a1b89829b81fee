import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageRequest } from '../../read-models/page.request';

export class ListOperatorsRequest extends PageRequest {
  @ApiPropertyOptional({ description: 'A département of activity', example: '62' })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B|97\d)$/, { message: 'departement must be a département code such as 62, 2A or 971' })
  departement?: string;

  @ApiPropertyOptional({ enum: ['registered', 'deregistered'] })
  @IsOptional()
  @IsIn(['registered', 'deregistered'])
  status?: 'registered' | 'deregistered';
}
