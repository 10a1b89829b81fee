import type { OperatorDetails } from '@mandate-ledger/domain';
import type { ReadStore } from '../read-store/read-store.port';
import { identifier, joinSql, listSql, type Sql, sql } from '../read-store/sql';
import { operatorsProjection, type RegisteredOperator } from './operators.projection';

export interface OperatorsFilters {
  readonly departement?: string;
  readonly status?: 'registered' | 'deregistered';
  /** Access: only operators active in one of these départements (an officer's). */
  readonly withinDepartements?: readonly string[];
  /** Access: only this operator (an operator's own token). */
  readonly onlyOperatorId?: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface OperatorsListItem extends OperatorDetails {
  readonly id: string;
  readonly status: 'registered' | 'deregistered';
}

export interface OperatorsPage {
  readonly items: readonly OperatorsListItem[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/** Operators sorted by name then id, one page and the total, on one snapshot. */
export const queryOperators = async (readStore: ReadStore, filters: OperatorsFilters): Promise<OperatorsPage | undefined> => {
  const results = await readStore.read<{ key: string; doc: string; total: number }>(operatorsProjection, (tables) => {
    const departements = identifier(tables.children.departements);
    const where: Sql[] = [sql`1 = 1`];
    if (filters.status !== undefined) where.push(sql`o.status = ${filters.status}`);
    if (filters.onlyOperatorId !== undefined) where.push(sql`o.key = ${filters.onlyOperatorId}`);
    if (filters.departement !== undefined) where.push(sql`o.key IN (SELECT d.key FROM ${departements} d WHERE d.departement = ${filters.departement})`);
    if (filters.withinDepartements !== undefined) {
      where.push(
        filters.withinDepartements.length === 0
          ? sql`1 = 0`
          : sql`o.key IN (SELECT s.key FROM ${departements} s WHERE s.departement IN (${listSql(filters.withinDepartements)}))`,
      );
    }
    const from = sql`FROM ${identifier(tables.main)} o WHERE ${joinSql(where, ' AND ')}`;
    return [
      sql`SELECT count(*) AS total ${from}`.query,
      sql`SELECT o.key AS key, o.doc AS doc ${from} ORDER BY o.name, o.key LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}`.query,
    ];
  });
  if (!results) return undefined;
  const [[{ total }], rows] = results;
  return {
    items: rows.map((row) => {
      const operator = JSON.parse(row.doc) as RegisteredOperator;
      return { id: row.key, ...operator.details, status: operator.status };
    }),
    page: filters.page,
    pageSize: filters.pageSize,
    total: Number(total),
  };
};

/** One operator's row, or `null`; `undefined` before the list first caught up. */
export const findOperator = async (readStore: ReadStore, id: string): Promise<RegisteredOperator | null | undefined> => {
  const results = await readStore.read<{ doc: string }>(operatorsProjection, (tables) => [
    sql`SELECT o.doc AS doc FROM ${identifier(tables.main)} o WHERE o.key = ${id}`.query,
  ]);
  if (!results) return undefined;
  const [row] = results[0];
  return row ? (JSON.parse(row.doc) as RegisteredOperator) : null;
};
