import type { JsonObject, StoredEvent } from '@mandate-ledger/event-store';
import { paddedPosition } from '../positions';
import { type Projection, ProjectionError } from '../projection';

/** One decision as the history shows it. */
export interface HistoryRow {
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly data: JsonObject;
  readonly metadata: StoredEvent['metadata'];
}

/** Streams whose history is served: `<category>-<id>`. */
const CATEGORIES = new Set(['mandate', 'operator', 'compliance_case']);

const categoryOf = (stream: string): { category: string; id: string } | undefined => {
  const dash = stream.indexOf('-');
  if (dash < 0) return undefined;
  const category = stream.slice(0, dash);
  return CATEGORIES.has(category) ? { category, id: stream.slice(dash + 1) } : undefined;
};

/**
 * Every decision on mandates, operators and compliance cases, one row per event keyed by its padded position (so
 * key order is log order), filterable by stream, `recordedAt` range and type.
 */
export const historyProjection: Projection<HistoryRow & { readonly stream: string }> = {
  name: 'history',
  // 2: compliance cases' decisions too. 3: events as stored, not as upcast (what their leaves hash).
  version: 3,
  history: 'current',
  reads: 'stored',

  keysOf: (event) => (categoryOf(event.stream) ? [paddedPosition(event.position)] : []),

  evolve: (row, event) => {
    if (row !== undefined) throw new ProjectionError(`Event at position ${event.position} applied twice`);
    return {
      stream: event.stream,
      revision: Number(event.revision),
      position: event.position.toString(),
      eventId: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      recordedAt: event.recordedAt,
      data: event.data,
      metadata: event.metadata,
    };
  },

  columns: { category: 'text', aggregate_id: 'text', type: 'text', recorded_at: 'text' },
  columnsOf: (row) => {
    const { category, id } = categoryOf(row.stream)!;
    return { category, aggregate_id: id, type: row.type, recorded_at: row.recordedAt };
  },
  indexes: [['aggregate_id', 'category', 'key']],
};
