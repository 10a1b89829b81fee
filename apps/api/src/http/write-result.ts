import { ApiProperty } from '@nestjs/swagger';

/** The answer to every write (OpenAPI). `position` is a decimal string: EventStoreDB positions exceed 2^53. */
export class WriteResult {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ description: 'Revision of the stream after the write (its ETag)', example: 3 }) readonly revision!: number;
  @ApiProperty({ description: 'Position in the global log; pass it as minPosition to read your write', example: '1042' })
  readonly position!: string;
}

/** What a write answers over HTTP; whether it appended is told by a header instead. */
export type WriteAnswer = Pick<WriteResult, 'id' | 'revision' | 'position'>;
