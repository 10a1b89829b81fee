import { ApiProperty } from '@nestjs/swagger';

/** One decision of a stream's history, with everything an auditor needs to place it. */
export class HistoryEntry {
  @ApiProperty() readonly revision!: number;
  @ApiProperty({ description: 'Position in the global log (decimal string)' }) readonly position!: string;
  @ApiProperty({ format: 'uuid' }) readonly eventId!: string;
  @ApiProperty() readonly type!: string;
  @ApiProperty() readonly schemaVersion!: number;
  @ApiProperty({ description: 'When the store recorded it (ISO 8601 UTC)' }) readonly recordedAt!: string;
  @ApiProperty({ type: Object }) readonly data!: object;
  @ApiProperty({ type: Object, description: 'actor, correlationId, requestId' }) readonly metadata!: object;
}
