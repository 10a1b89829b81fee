import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ReadYourWritesRequest } from '../../read-models/read-your-writes.request';

export class ListOperatorsRequest extends ReadYourWritesRequest {
  @ApiPropertyOptional({ description: 'A département of activity', example: '62' })
  @IsOptional()
  @Matches(/^(\d{2}|2A|2B|97\d)$/, { message: 'departement must be a département code such as 62, 2A or 971' })
  departement?: string;

  @ApiPropertyOptional({ enum: ['registered', 'deregistered'] })
  @IsOptional()
  @IsIn(['registered', 'deregistered'])
  status?: 'registered' | 'deregistered';

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
