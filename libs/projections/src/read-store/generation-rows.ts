import { positionOf, positionText } from '../positions';
import type { BatchCommit, Generation, GenerationState, ProjectionFailure, TableNames } from './read-store.port';
import type { SqlDialect } from './sql-schema';

/**
 * The generations of every projection. The row with `active` set is the pointer queries follow;
 * the checkpoint is decimal text because EventStoreDB positions need 128 bits.
 */
export const generationsTableSql = (dialect: SqlDialect): string => `
  CREATE TABLE projection_generations (
    name             ${dialect.text} NOT NULL,
    generation       integer NOT NULL,
    version          integer NOT NULL,
    checkpoint       ${dialect.text},
    events_processed ${dialect.integer} NOT NULL DEFAULT 0,
    state            ${dialect.text} NOT NULL,
    active           integer NOT NULL DEFAULT 0,
    tables           ${dialect.text} NOT NULL,
    created_at       ${dialect.text} NOT NULL,
    updated_at       ${dialect.text} NOT NULL,
    error_message    ${dialect.text},
    error_position   ${dialect.text},
    error_event_type ${dialect.text},
    error_at         ${dialect.text},
    PRIMARY KEY (name, generation)
  );
  CREATE UNIQUE INDEX projection_generations_active ON projection_generations (name) WHERE active = 1;`;

export interface GenerationRow {
  name: string;
  generation: number;
  version: number;
  checkpoint: string | null;
  events_processed: number | string;
  state: string;
  active: number;
  tables: string;
  created_at: string;
  updated_at: string;
  error_message: string | null;
  error_position: string | null;
  error_event_type: string | null;
  error_at: string | null;
}

export const GENERATION_COLUMNS =
  'name, generation, version, checkpoint, events_processed, state, active, tables, created_at, updated_at, error_message, error_position, error_event_type, error_at';

export const generationOf = (row: GenerationRow): Generation => ({
  name: row.name,
  generation: Number(row.generation),
  version: Number(row.version),
  checkpoint: positionOf(row.checkpoint),
  eventsProcessed: Number(row.events_processed),
  state: row.state as GenerationState,
  active: Number(row.active) === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  lastError:
    row.error_message === null
      ? undefined
      : { message: row.error_message, position: BigInt(row.error_position ?? '0'), eventType: row.error_event_type ?? '', at: row.error_at ?? '' },
});

/** The tables a generation created, as recorded with it: dropping never depends on today's code. */
export const tablesOfRow = (row: Pick<GenerationRow, 'tables'>): TableNames => JSON.parse(row.tables) as TableNames;

/** The state a committed batch leaves its generation in: `failed` when it ended on an event it could not apply. */
export const stateAfter = (batch: BatchCommit, active: boolean): GenerationState => (batch.failure ? 'failed' : active ? 'live' : 'building');

/** `error_message`, `error_position`, `error_event_type` and `error_at` of a failure. */
export const failureValues = (failure: ProjectionFailure): [string, string, string, string] => [
  failure.message,
  positionText(failure.position),
  failure.eventType,
  failure.at,
];
