import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { ReadYourWritesRequest } from '../read-models/read-your-writes.request';

export class DecpExportRequest extends ReadYourWritesRequest {
  @ApiProperty({ type: 'integer', example: 2018, description: 'Contracts notified in this year' })
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year!: number;
}

export class ScdlExportRequest extends DecpExportRequest {
  @ApiProperty({ example: '99062000700015', description: 'SIRET of the granting authority (idAttribuant)' })
  @Matches(/^\d{14}$/, { message: 'authority must be the 14-digit SIRET of the granting authority' })
  authority!: string;
}
