import { ApiProperty } from '@nestjs/swagger';
import type { HandleCommandResult } from '@mandate-ledger/event-store';

/** The answer to every write. `position` is a decimal string: EventStoreDB positions exceed 2^53. */
export class WriteResult {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ description: 'Revision of the stream after the write (its ETag)', example: 3 }) readonly revision!: number;
  @ApiProperty({ description: 'Position in the global log; pass it as minPosition to read your write', example: '1042' })
  readonly position!: string;
  /** False when an Idempotency-Key replayed an earlier answer. */
  readonly appended!: boolean;
}

/** What a write answers over HTTP: the result without `appended`, which a header tells instead. */
export type WriteAnswer = Omit<WriteResult, 'appended'>;

export const writeResultOf = (id: string, result: HandleCommandResult): WriteResult => ({
  id,
  revision: Number(result.revision),
  position: result.position.toString(),
  appended: result.appended,
});
