import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** `?treeSize=`: prove against that stored checkpoint instead of the latest. */
export class InclusionProofRequest {
  @ApiPropertyOptional({ description: 'Size of a stored checkpoint; default the latest', example: 1042 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'treeSize must be a whole number' })
  @Min(1)
  @Max(MAX_COUNT)
  treeSize?: number;
}

/** Two stored checkpoint sizes, `from` ≤ `to`. */
export class ConsistencyProofRequest {
  @ApiProperty({ description: 'Size of the older stored checkpoint', example: 1000 })
  @Type(() => Number)
  @IsInt({ message: 'from must be a whole number' })
  @Min(1)
  @Max(MAX_COUNT)
  from!: number;

  @ApiProperty({ description: 'Size of the newer stored checkpoint', example: 1042 })
  @Type(() => Number)
  @IsInt({ message: 'to must be a whole number' })
  @Min(1)
  @Max(MAX_COUNT)
  to!: number;
}

/** The forms `GET /audit/public-key` answers in. */
export const KEY_FORMATS = ['json', 'vkey', 'pem', 'base64'] as const;

/** `?format=vkey|pem|base64` answers that form alone as text; default JSON with all of them. */
export class PublicKeyRequest {
  @ApiPropertyOptional({ enum: KEY_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(KEY_FORMATS)
  format?: (typeof KEY_FORMATS)[number];
}
