import {
  addDays,
  type CalendarDate,
  departementOfCommune,
  fundingOn,
  type GrantedMandate,
  type MandateStatus,
  type MissionType,
  type PaymentSummary,
  paymentSummaryOn,
  type Period,
  termsOn,
  type Territory,
} from '@mandate-ledger/domain';
import type { ReadStore, TableNames } from '../read-store/read-store.port';
import { foldedRows } from '../read-store/row-versions';
import { identifier, joinSql, listSql, raw, type Sql, sql, versionAt } from '../read-store/sql';
import { mandatesBoardProjection } from './mandates-board.projection';

export interface MandatesBoardFilters {
  /** The effective date statuses and terms are computed for. */
  readonly on: CalendarDate;
  /** Only what the record said at this instant (ISO 8601 with milliseconds, UTC). */
  readonly asKnownAt?: string;
  readonly status?: MandateStatus;
  readonly operatorId?: string;
  readonly missionType?: MissionType;
  /** The territory's département on `on`. */
  readonly departement?: string;
  /** INSEE code: mandates naming it, or covering its whole département, on `on`. */
  readonly commune?: string;
  /** In force on `on` (active or suspended) with a period ending within this many days. */
  readonly expiringWithinDays?: number;
  /** Access: only mandates that touch one of these départements (an officer's). */
  readonly withinDepartements?: readonly string[];
  readonly page: number;
  readonly pageSize: number;
}

export interface MandatesBoardItem {
  readonly id: string;
  readonly operatorId: string;
  /** On `on`. */
  readonly status: MandateStatus;
  readonly authority: { readonly kind: string; readonly name: string; readonly departement: string };
  readonly instrument: { readonly kind: string; readonly reference: string };
  readonly period: Period;
  /** Mission types, territory and salaried FTE in force on `on`. */
  readonly missionTypes: readonly MissionType[];
  readonly territory: Territory;
  readonly salariedFte: number;
  /** The financing covering `on`, if any. */
  readonly funding: { readonly from: string; readonly to: string; readonly amountCents: number } | null;
  readonly suspensions: readonly { readonly from: string; readonly until: string | null }[];
  readonly terminatedFrom: string | null;
  readonly completedOn: string | null;
  /** Money on `on`: scheduled, paid, due (still to pay on time), overdue, withheld and recovered. */
  readonly payments: PaymentSummary;
}

export interface MandatesBoardPage {
  readonly on: CalendarDate;
  readonly asKnownAt: string | null;
  readonly items: readonly MandatesBoardItem[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/** Whether a suspension interval covers `on`: the `suspended` clause of the status. */
const suspendedOn = (tables: TableNames, on: CalendarDate, asKnownAt: string | undefined): Sql => sql`m.suspensions > 0 AND EXISTS (
      SELECT 1 FROM ${identifier(tables.children.suspensions)} s
      WHERE s.key = m.key AND ${versionAt('s', asKnownAt)} AND s.from_date <= ${on} AND (s.until_date IS NULL OR ${on} < s.until_date)
    )`;

/** The mandate's status on `on`, in SQL: `mandateStatusOn` clause for clause. */
export const statusSql = (tables: TableNames, on: CalendarDate, asKnownAt: string | undefined): Sql => sql`CASE
    WHEN m.terminated_from IS NOT NULL AND m.terminated_from <= ${on} THEN 'terminated'
    WHEN m.completed_on IS NOT NULL AND m.completed_on <= ${on} THEN 'completed'
    WHEN ${on} < m.period_start THEN 'pending'
    WHEN ${on} > m.period_end THEN 'expired'
    WHEN ${suspendedOn(tables, on, asKnownAt)} THEN 'suspended'
    ELSE 'active'
  END`;

/** The child row belongs to the terms version in force on `on` (`termsOn`). */
const inForceOn = (alias: string, on: CalendarDate): Sql => {
  const from = raw(`${alias}.effective_from`);
  const to = raw(`${alias}.effective_to`);
  return sql`(${from} IS NULL OR ${from} <= ${on}) AND (${to} IS NULL OR ${on} < ${to})`;
};

/**
 * Conditions the index can use, implied by the status: they let the planner range-scan the period
 * columns instead of computing every row's status. For `active` and `suspended` they are exactly
 * the CASE's first four clauses negated, so the status is then the suspension test alone.
 */
const statusHint = (status: MandateStatus, on: CalendarDate): Sql => {
  switch (status) {
    case 'active':
    case 'suspended':
      return sql`m.period_start <= ${on} AND m.period_end >= ${on} AND (m.terminated_from IS NULL OR m.terminated_from > ${on}) AND (m.completed_on IS NULL OR m.completed_on > ${on})`;
    case 'pending':
      return sql`m.period_start > ${on}`;
    case 'expired':
      return sql`m.period_end < ${on}`;
    case 'terminated':
      return sql`m.terminated_from <= ${on}`;
    case 'completed':
      return sql`m.completed_on <= ${on}`;
  }
};

/** The status condition beside its hint: the CASE itself, but for the two statuses the hint leaves to the suspension test. */
const statusIs = (tables: TableNames, status: MandateStatus, on: CalendarDate, asKnownAt: string | undefined): Sql => {
  if (status === 'suspended') return suspendedOn(tables, on, asKnownAt);
  if (status === 'active') return sql`NOT (${suspendedOn(tables, on, asKnownAt)})`;
  return sql`${statusSql(tables, on, asKnownAt)} = ${status}`;
};

/**
 * Territorial filters (commune, département, the officer's scope) are `IN` lists the planner can
 * start from, most selective first; the mission type, which a seventh of all mandates share, is
 * only checked (`EXISTS`) on the rows they select.
 */
const conditions = (tables: TableNames, filters: MandatesBoardFilters, fromScope: boolean): Sql[] => {
  const { on, asKnownAt } = filters;
  const child = (name: keyof typeof tables.children & string, alias: string, where: Sql) =>
    sql`m.key IN (SELECT ${raw(`${alias}.key`)} FROM ${identifier(tables.children[name])} ${raw(alias)} WHERE ${versionAt(alias, asKnownAt)} AND ${where})`;
  // Read from the scope rows (`matchingRows`), `m` is already the version as known at `asKnownAt` within the officer's départements.
  const where: Sql[] = fromScope ? [] : [versionAt('m', asKnownAt)];
  if (filters.operatorId !== undefined) where.push(sql`m.operator_id = ${filters.operatorId}`);
  if (filters.commune !== undefined) {
    // Two index searches (the commune named; its whole département) rather than one OR the planner would scan for.
    const territory = identifier(tables.children.territory);
    const inForce = sql`${versionAt('c', asKnownAt)} AND ${inForceOn('c', on)}`;
    where.push(sql`m.key IN (
      SELECT c.key FROM ${territory} c WHERE c.commune = ${filters.commune} AND ${inForce}
      UNION ALL
      SELECT c.key FROM ${territory} c WHERE c.departement = ${departementOfCommune(filters.commune)} AND c.commune = '' AND ${inForce})`);
  }
  if (filters.departement !== undefined) where.push(child('territory', 'd', sql`d.departement = ${filters.departement} AND ${inForceOn('d', on)}`));
  if (filters.withinDepartements !== undefined && !fromScope) {
    if (filters.withinDepartements.length === 0) where.push(sql`1 = 0`);
    else where.push(child('scope', 'a', sql`a.departement IN (${listSql(filters.withinDepartements)})`));
  }
  if (filters.status !== undefined) where.push(statusHint(filters.status, on), statusIs(tables, filters.status, on, asKnownAt));
  if (filters.expiringWithinDays !== undefined) {
    where.push(statusHint('active', on), sql`m.period_end <= ${addDays(on, filters.expiringWithinDays)}`);
  }
  if (filters.missionType !== undefined) {
    where.push(sql`EXISTS (SELECT 1 FROM ${identifier(tables.children.missions)} t
      WHERE t.key = m.key AND ${versionAt('t', asKnownAt)} AND t.mission_type = ${filters.missionType} AND ${inForceOn('t', on)})`);
  }
  return where;
};

export const boardItemOf = (id: string, mandate: GrantedMandate, status: MandateStatus, on: CalendarDate): MandatesBoardItem => {
  const terms = termsOn(mandate, on);
  const funding = fundingOn(mandate, on);
  return {
    id,
    operatorId: mandate.operatorId,
    status,
    authority: { kind: mandate.authority.kind, name: mandate.authority.name, departement: mandate.authority.departement },
    instrument: { kind: mandate.instrument.kind, reference: mandate.instrument.reference },
    period: mandate.period,
    missionTypes: terms.missions.map((m) => m.type),
    territory: terms.territory,
    salariedFte: terms.staffing.salariedFte,
    funding: funding ? { from: funding.from, to: funding.to, amountCents: funding.financing.amountCents } : null,
    suspensions: mandate.suspensions.map((s) => ({ from: s.from, until: s.until ?? null })),
    terminatedFrom: mandate.status === 'terminated' ? mandate.terminatedFrom : null,
    completedOn: mandate.status === 'completed' ? mandate.completedOn : null,
    payments: paymentSummaryOn(mandate, on),
  };
};

/**
 * `FROM … WHERE …` of the mandates matching the filters, as `m` (key and status columns). An
 * officer's board (its départements, no operator) is read from the scope rows, which carry the
 * period columns: counted and sorted from their index, without looking up a main row per mandate
 * of the départements. They do not count suspensions (`1`: the status looks the intervals up). A
 * mandate in two of the départements has a scope row in each, with the same values: `DISTINCT`.
 */
const matchingRows = (tables: TableNames, filters: MandatesBoardFilters): Sql => {
  const { withinDepartements } = filters;
  const fromScope = withinDepartements !== undefined && withinDepartements.length > 0 && filters.operatorId === undefined;
  const where = joinSql(conditions(tables, filters, fromScope), '\n  AND ');
  const whereSql = where.text === '' ? sql`` : sql`WHERE ${where}`;
  if (!fromScope) return sql`FROM ${identifier(tables.main)} m ${whereSql}`;
  return sql`FROM (
      SELECT DISTINCT a.key AS key, a.period_start AS period_start, a.period_end AS period_end, a.terminated_from AS terminated_from, a.completed_on AS completed_on, 1 AS suspensions
      FROM ${identifier(tables.children.scope)} a
      WHERE ${versionAt('a', filters.asKnownAt)} AND a.departement IN (${listSql(withinDepartements)})
    ) m ${whereSql}`;
};

/**
 * The current version of a row (which holds the whole document), or as known at `asKnownAt` the
 * versions up to the one current then, to fold: those that began by then (beginnings never go
 * back, see `RowChanges`).
 */
const versionsUpTo = (alias: string, asKnownAt: string | undefined): Sql =>
  asKnownAt === undefined ? sql`${raw(alias)}.recorded_to IS NULL` : sql`${raw(alias)}.recorded_from <= ${asKnownAt}`;

/**
 * The board: one page of mandates matching the filters, sorted by period end then id, with the
 * total. The matching rows are counted and sorted on the filter columns alone (`count(*) OVER ()`
 * before the limit), and only the page's rows are joined back for their documents (as known at
 * `asKnownAt`: folded from their versions' deltas). `undefined` when the board has never caught up.
 */
export const queryMandatesBoard = async (readStore: ReadStore, filters: MandatesBoardFilters): Promise<MandatesBoardPage | undefined> => {
  const matching = (tables: TableNames) => matchingRows(tables, filters);
  const results = await readStore.read<{ key: string; doc: string | null; delta: string; status: MandateStatus; total: number }>(mandatesBoardProjection, (tables) => [
    sql`SELECT p.key AS key, p.status AS status, p.total AS total, ${raw(filters.asKnownAt === undefined ? 'd.doc AS doc, NULL' : 'NULL AS doc, d.delta')} AS delta
        FROM (
          SELECT m.key AS key, m.period_end AS period_end, ${filters.status === undefined ? statusSql(tables, filters.on, filters.asKnownAt) : sql`${filters.status}`} AS status, count(*) OVER () AS total
          ${matching(tables)}
          ORDER BY m.period_end, m.key LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}
        ) p
        JOIN ${identifier(tables.main)} d ON d.key = p.key AND ${versionsUpTo('d', filters.asKnownAt)}
        ORDER BY p.period_end, p.key, d.from_position`.query,
  ]);
  if (!results) return undefined;
  const rows = filters.asKnownAt === undefined ? results[0].map((row) => ({ row, doc: JSON.parse(row.doc!) as unknown })) : foldedRows(results[0]);
  // A page past the end has no row to carry the total: count apart.
  const total =
    rows.length > 0 ? Number(rows[0].row.total) : filters.page === 1 ? 0 : Number((await readStore.read<{ total: number }>(mandatesBoardProjection, (tables) => [sql`SELECT count(*) AS total ${matching(tables)}`.query]))?.[0][0].total ?? 0);
  return {
    on: filters.on,
    asKnownAt: filters.asKnownAt ?? null,
    items: rows.map(({ row, doc }) => boardItemOf(row.key, doc as GrantedMandate, row.status, filters.on)),
    page: filters.page,
    pageSize: filters.pageSize,
    total,
  };
};

/** One mandate's row as the board holds it (current, or as known at an instant), for access checks and single reads. */
export const findBoardMandate = async (
  readStore: ReadStore,
  id: string,
  asKnownAt?: string,
): Promise<{ mandate: GrantedMandate; recordedFrom: string } | null | undefined> => {
  const results = await readStore.read<{ key: string; doc: string | null; delta: string; recorded_from: string }>(mandatesBoardProjection, (tables) => [
    sql`SELECT d.key AS key, d.doc AS doc, d.delta AS delta, m.recorded_from AS recorded_from
        FROM ${identifier(tables.main)} m JOIN ${identifier(tables.main)} d ON d.key = m.key AND ${versionsUpTo('d', asKnownAt)}
        WHERE m.key = ${id} AND ${versionAt('m', asKnownAt)} ORDER BY d.from_position`.query,
  ]);
  if (!results) return undefined;
  const [found] = asKnownAt === undefined ? results[0].map((row) => ({ row, doc: JSON.parse(row.doc!) as unknown })) : foldedRows(results[0]);
  return found ? { mandate: found.doc as GrantedMandate, recordedFrom: found.row.recorded_from } : null;
};

/** Every mandate of an operator as the board currently holds them. */
export const boardMandatesOfOperator = async (readStore: ReadStore, operatorId: string): Promise<{ id: string; mandate: GrantedMandate }[] | undefined> => {
  const results = await readStore.read<{ key: string; doc: string }>(mandatesBoardProjection, (tables) => [
    sql`SELECT m.key AS key, m.doc AS doc FROM ${identifier(tables.main)} m WHERE m.operator_id = ${operatorId} AND m.recorded_to IS NULL ORDER BY m.key`.query,
  ]);
  return results?.[0].map((row) => ({ id: row.key, mandate: JSON.parse(row.doc) as GrantedMandate }));
};

/** The ids of the operator's mandates as the board holds them now, without reading their documents. */
export const boardMandateIdsOfOperator = async (readStore: ReadStore, operatorId: string): Promise<string[] | undefined> => {
  const results = await readStore.read<{ key: string }>(mandatesBoardProjection, (tables) => [
    sql`SELECT m.key AS key FROM ${identifier(tables.main)} m WHERE m.operator_id = ${operatorId} AND m.recorded_to IS NULL ORDER BY m.key`.query,
  ]);
  return results?.[0].map((row) => row.key);
};

/**
 * Every mandate the board holds now, or those touching one of `withinDepartements` (an officer's),
 * or those of one operator: the finance and publication queries read them whole.
 */
export const boardMandatesWithin = async (
  readStore: ReadStore,
  scope: { readonly withinDepartements?: readonly string[]; readonly operatorId?: string },
): Promise<{ id: string; mandate: GrantedMandate }[] | undefined> => {
  const results = await readStore.read<{ key: string; doc: string }>(mandatesBoardProjection, (tables) => {
    const where: Sql[] = [versionAt('m', undefined)];
    if (scope.operatorId !== undefined) where.push(sql`m.operator_id = ${scope.operatorId}`);
    if (scope.withinDepartements !== undefined) {
      where.push(
        scope.withinDepartements.length === 0
          ? sql`1 = 0`
          : sql`m.key IN (SELECT a.key FROM ${identifier(tables.children.scope)} a WHERE ${versionAt('a', undefined)} AND a.departement IN (${listSql(scope.withinDepartements)}))`,
      );
    }
    return [sql`SELECT m.key AS key, m.doc AS doc FROM ${identifier(tables.main)} m WHERE ${joinSql(where, ' AND ')} ORDER BY m.key`.query];
  });
  return results?.[0].map((row) => ({ id: row.key, mandate: JSON.parse(row.doc) as GrantedMandate }));
};
