import { type CalendarDate, deadlineOf, type OpenedComplianceCase, type PenaltyScope, type ReviewKind } from '@mandate-ledger/domain';
import type { ReadStore } from '../read-store/read-store.port';
import { identifier, joinSql, listSql, type Sql, sql } from '../read-store/sql';
import { complianceCasesProjection, type ObligationStanding, standingOf } from './compliance-cases.projection';

export interface ComplianceCasesFilters {
  readonly status?: 'open' | 'closed';
  /** Cases with an obligation in this département. */
  readonly departement?: string;
  /** Cases this mandate is linked to as a measure. */
  readonly mandateId?: string;
  /** Cases with an obligation still `ordered` (neither satisfied, contested nor superseded) whose deadline is before this date. */
  readonly overdueOn?: CalendarDate;
  /** Access: cases with an obligation in one of these départements, or with no obligation yet (an officer's). */
  readonly withinDepartements?: readonly string[];
  readonly page: number;
  readonly pageSize: number;
}

export interface ComplianceObligationSummary {
  readonly obligationId: string;
  readonly article: string;
  readonly missionType: string;
  readonly departement: string;
  readonly communes: readonly string[];
  readonly notifiedOn: CalendarDate | null;
  readonly deadline: CalendarDate | null;
  readonly oneOff: boolean;
  readonly penaltyPerDayCents: number;
  readonly penaltyScope: PenaltyScope;
  readonly standing: ObligationStanding;
  readonly measures: readonly { readonly mandateId: string; readonly effectiveFrom: CalendarDate }[];
}

export interface ComplianceCaseSummary {
  readonly id: string;
  readonly status: 'open' | 'closed';
  readonly court: string;
  readonly caseNumbers: readonly string[];
  readonly decisionDate: CalendarDate;
  readonly procedure: string;
  readonly appeals: readonly { readonly court: string; readonly caseNumbers: readonly string[]; readonly decisionDate: CalendarDate; readonly outcome: string }[];
  readonly obligations: readonly ComplianceObligationSummary[];
  /** The consultations and reviews its decisions asked for, with their due dates. */
  readonly reviews: readonly { readonly reviewId: string; readonly kind: ReviewKind; readonly dueOn: CalendarDate }[];
  /** What the judge liquidated of its penalties so far, in cents. */
  readonly liquidatedCents: number;
}

export interface ComplianceCasesPage {
  readonly items: readonly ComplianceCaseSummary[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

export const complianceCaseSummaryOf = (id: string, complianceCase: OpenedComplianceCase): ComplianceCaseSummary => {
  const [opening, ...later] = complianceCase.decisions;
  return {
    id,
    status: complianceCase.status,
    court: opening.court,
    caseNumbers: opening.caseNumbers,
    decisionDate: opening.decisionDate,
    procedure: complianceCase.procedure,
    appeals: later.flatMap((decision) =>
      decision.kind === 'appeal' ? [{ court: decision.court, caseNumbers: decision.caseNumbers, decisionDate: decision.decisionDate, outcome: decision.outcome }] : [],
    ),
    obligations: complianceCase.obligations.map((obligation) => {
      const deadline = deadlineOf(complianceCase, obligation);
      return {
        obligationId: obligation.obligationId,
        article: obligation.article,
        missionType: obligation.missionType,
        departement: obligation.territory.departement,
        communes: obligation.territory.communes,
        notifiedOn: deadline?.notifiedOn ?? null,
        deadline: deadline?.deadline ?? null,
        oneOff: obligation.oneOff,
        penaltyPerDayCents: obligation.penaltyPerDayCents,
        penaltyScope: obligation.penaltyScope,
        standing: standingOf(obligation),
        measures: obligation.measures.map(({ mandateId, effectiveFrom }) => ({ mandateId, effectiveFrom })),
      };
    }),
    reviews: complianceCase.reviews.map(({ reviewId, kind, dueOn }) => ({ reviewId, kind, dueOn })),
    liquidatedCents: complianceCase.liquidations.reduce((sum, { amountCents }) => sum + amountCents, 0),
  };
};

/** Cases, most recent decision first, one page and the total, on one snapshot. `undefined` before the index first caught up. */
export const queryComplianceCases = async (readStore: ReadStore, filters: ComplianceCasesFilters): Promise<ComplianceCasesPage | undefined> => {
  const results = await readStore.read<{ key: string; doc: string; total: number }>(complianceCasesProjection, (tables) => {
    const obligations = identifier(tables.children.obligations);
    const measures = identifier(tables.children.measures);
    const where: Sql[] = [sql`1 = 1`];
    if (filters.status !== undefined) where.push(sql`c.status = ${filters.status}`);
    if (filters.departement !== undefined) where.push(sql`c.key IN (SELECT o.key FROM ${obligations} o WHERE o.departement = ${filters.departement})`);
    if (filters.mandateId !== undefined) where.push(sql`c.key IN (SELECT m.key FROM ${measures} m WHERE m.mandate_id = ${filters.mandateId})`);
    if (filters.overdueOn !== undefined) {
      where.push(sql`c.key IN (SELECT o.key FROM ${obligations} o WHERE o.standing = 'ordered' AND o.deadline < ${filters.overdueOn})`);
    }
    if (filters.withinDepartements !== undefined) {
      const within =
        filters.withinDepartements.length === 0
          ? sql`1 = 0`
          : sql`c.key IN (SELECT w.key FROM ${obligations} w WHERE w.departement IN (${listSql(filters.withinDepartements)}))`;
      where.push(sql`(${within} OR c.key NOT IN (SELECT a.key FROM ${obligations} a))`);
    }
    const from = sql`FROM ${identifier(tables.main)} c WHERE ${joinSql(where, ' AND ')}`;
    return [
      sql`SELECT count(*) AS total ${from}`.query,
      sql`SELECT c.key AS key, c.doc AS doc ${from} ORDER BY c.decided_on DESC, c.key LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}`.query,
    ];
  });
  if (!results) return undefined;
  const [[{ total }], rows] = results;
  return {
    items: rows.map((row) => complianceCaseSummaryOf(row.key, JSON.parse(row.doc) as OpenedComplianceCase)),
    page: filters.page,
    pageSize: filters.pageSize,
    total: Number(total),
  };
};
