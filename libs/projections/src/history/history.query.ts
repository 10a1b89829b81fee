import type { ReadStore } from '../read-store/read-store.port';
import { identifier, joinSql, listSql, type Sql, sql } from '../read-store/sql';
import { historyProjection, type HistoryRow } from './history.projection';

export interface HistoryFilters {
  readonly category: 'mandate' | 'operator' | 'compliance_case';
  readonly id: string;
  /** `recordedAt` from this instant (inclusive; ISO 8601 with milliseconds, UTC). */
  readonly from?: string;
  /** `recordedAt` up to this instant (inclusive). */
  readonly to?: string;
  readonly types?: readonly string[];
}

/** A stream's decisions in log order, from the history read model. `undefined` before it first caught up. */
export const queryHistory = async (readStore: ReadStore, filters: HistoryFilters): Promise<HistoryRow[] | undefined> => {
  const results = await readStore.read<{ doc: string }>(historyProjection, (tables) => {
    const where: Sql[] = [sql`h.aggregate_id = ${filters.id}`, sql`h.category = ${filters.category}`];
    if (filters.from !== undefined) where.push(sql`h.recorded_at >= ${filters.from}`);
    if (filters.to !== undefined) where.push(sql`h.recorded_at <= ${filters.to}`);
    if (filters.types !== undefined && filters.types.length > 0) where.push(sql`h.type IN (${listSql(filters.types)})`);
    return [sql`SELECT h.doc AS doc FROM ${identifier(tables.main)} h WHERE ${joinSql(where, ' AND ')} ORDER BY h.key`.query];
  });
  return results?.[0].map((row) => {
    const { stream: _stream, ...entry } = JSON.parse(row.doc) as HistoryRow & { stream: string };
    return entry;
  });
};
