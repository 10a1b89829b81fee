import {
  type CalendarDate,
  financialReportsOn,
  type FinancialReportStanding,
  type GrantedMandate,
  instalmentsOn,
  type OpenDataSet,
  NON_SUBSIDY_KINDS,
  publicationDeadlineOf,
  subsidyOf,
  subsidyYearTotals,
  type SubsidyYearShare,
  termsOn,
  WRITTEN_AGREEMENT_KINDS,
} from '@mandate-ledger/domain';
import type { ReadStore } from '../read-store/read-store.port';
import { boardMandatesWithin } from './mandates-board.query';

/** Who may see what: an officer's départements, an operator's own mandates, or everything. */
export interface FinanceScope {
  readonly withinDepartements?: readonly string[];
  readonly operatorId?: string;
}

export interface FinanceFilters extends FinanceScope {
  /** The date things are late on. */
  readonly on: CalendarDate;
  /** The territory's département on `on`. */
  readonly departement?: string;
}

/** What every line of a finance list says of its mandate. */
export interface MandateRef {
  readonly mandateId: string;
  readonly operatorId: string;
  readonly departement: string;
  readonly authority: { readonly name: string; readonly siret: string };
  readonly instrument: { readonly kind: string; readonly reference: string };
}

const refOf = (mandateId: string, mandate: GrantedMandate, on: CalendarDate): MandateRef => ({
  mandateId,
  operatorId: mandate.operatorId,
  departement: termsOn(mandate, on).territory.departement,
  authority: { name: mandate.authority.name, siret: mandate.authority.siret },
  instrument: { kind: mandate.instrument.kind, reference: mandate.instrument.reference },
});

const mandatesFor = async (readStore: ReadStore, filters: FinanceFilters) => {
  const all = await boardMandatesWithin(readStore, filters);
  return all?.map(({ id, mandate }) => ({ id, mandate, ref: refOf(id, mandate, filters.on) })).filter(({ ref }) => filters.departement === undefined || ref.departement === filters.departement);
};

const byDepartementThen = <T extends MandateRef>(date: (item: T) => string) => (a: T, b: T) =>
  a.departement.localeCompare(b.departement) || date(a).localeCompare(date(b)) || a.mandateId.localeCompare(b.mandateId);

export interface OverdueInstalment extends MandateRef {
  readonly dueDate: CalendarDate;
  readonly amountCents: number;
  readonly paidCents: number;
  readonly outstandingCents: number;
  readonly daysOverdue: number;
}

/** Instalments unpaid past their due date on `on` (withheld ones are not overdue: a decision holds them), by département then due date. */
export const queryOverdueInstalments = async (readStore: ReadStore, filters: FinanceFilters): Promise<{ on: CalendarDate; items: OverdueInstalment[] } | undefined> => {
  const mandates = await mandatesFor(readStore, filters);
  if (mandates === undefined) return undefined;
  const items = mandates.flatMap(({ mandate, ref }) =>
    instalmentsOn(mandate, filters.on)
      .filter((instalment) => instalment.standing === 'overdue')
      .map(({ dueDate, amountCents, paidCents, outstandingCents, daysOverdue }) => ({ ...ref, dueDate, amountCents, paidCents, outstandingCents, daysOverdue })),
  );
  return { on: filters.on, items: items.sort(byDepartementThen((item) => item.dueDate)) };
};

export interface LateFinancialReport extends MandateRef {
  readonly financialYear: number;
  readonly dueOn: CalendarDate;
  readonly receivedOn: CalendarDate | null;
  readonly standing: Extract<FinancialReportStanding, 'missing' | 'received_late'>;
  readonly daysLate: number;
}

/** Financial reports missing past their due date on `on`, and those received late, by département then due date. */
export const queryLateFinancialReports = async (
  readStore: ReadStore,
  filters: FinanceFilters & { readonly dueMonths: number },
): Promise<{ on: CalendarDate; items: LateFinancialReport[] } | undefined> => {
  const mandates = await mandatesFor(readStore, filters);
  if (mandates === undefined) return undefined;
  const items = mandates.flatMap(({ mandate, ref }) =>
    financialReportsOn(mandate, filters.on, filters.dueMonths).flatMap(({ financialYear, dueOn, receivedOn, standing, daysLate }) =>
      standing === 'missing' || standing === 'received_late' ? [{ ...ref, financialYear, dueOn, receivedOn, standing, daysLate }] : [],
    ),
  );
  return { on: filters.on, items: items.sort(byDepartementThen((item) => item.dueOn)) };
};

export interface LatePublication extends MandateRef {
  readonly dataset: OpenDataSet;
  readonly from: CalendarDate;
  readonly dueOn: CalendarDate;
  readonly publishedOn: CalendarDate | null;
  readonly standing: 'late' | 'published_late';
  readonly daysLate: number;
}

/** Subsidies above the threshold and public contracts unpublished past their deadline on `on`, or published after it. */
export const queryLatePublications = async (
  readStore: ReadStore,
  filters: FinanceFilters & { readonly thresholdCents: number },
): Promise<{ on: CalendarDate; items: LatePublication[] } | undefined> => {
  const mandates = await mandatesFor(readStore, filters);
  if (mandates === undefined) return undefined;
  const items = mandates.flatMap(({ mandate, ref }) => {
    const deadline = publicationDeadlineOf(mandate, filters.on, filters.thresholdCents);
    if (deadline === undefined || (deadline.standing !== 'late' && deadline.standing !== 'published_late')) return [];
    return [{ ...ref, ...deadline, standing: deadline.standing }];
  });
  return { on: filters.on, items: items.sort(byDepartementThen((item) => item.dueOn)) };
};

export interface WrittenAgreementBreach {
  readonly authority: { readonly name: string; readonly siret: string };
  readonly operatorId: string;
  readonly year: number;
  readonly totalCents: number;
  readonly thresholdCents: number;
  readonly subsidies: readonly SubsidyYearShare[];
}

/**
 * The years in which the subsidies of one authority to one operator add up above the threshold
 * while one of them is not a written agreement: what the rule refuses, should two decisions taken
 * at once in two processes have slipped past it (docs/money-and-open-data.md). Over the mandates
 * within the scope only: an officer's totals count the subsidies of its départements.
 */
export const queryWrittenAgreementBreaches = async (
  readStore: ReadStore,
  filters: FinanceScope & { readonly thresholdCents: number; readonly year?: number },
): Promise<{ items: WrittenAgreementBreach[] } | undefined> => {
  const all = await boardMandatesWithin(readStore, filters);
  if (all === undefined) return undefined;
  const groups = new Map<string, GrantedMandate[]>();
  for (const { mandate } of all) {
    if (NON_SUBSIDY_KINDS.includes(mandate.instrument.kind)) continue;
    const key = `${mandate.authority.siret} ${mandate.operatorId}`;
    groups.set(key, [...(groups.get(key) ?? []), mandate]);
  }
  const items = [...groups.values()].flatMap((mandates) =>
    subsidyYearTotals(mandates.map(subsidyOf))
      .filter(({ year, totalCents, shares }) =>
        (filters.year === undefined || year === filters.year) && totalCents > filters.thresholdCents && shares.some((share) => !WRITTEN_AGREEMENT_KINDS.includes(share.instrumentKind)))
      .map(({ year, totalCents, shares }) => ({
        authority: { name: mandates[0].authority.name, siret: mandates[0].authority.siret },
        operatorId: mandates[0].operatorId,
        year,
        totalCents,
        thresholdCents: filters.thresholdCents,
        subsidies: shares,
      })),
  );
  return { items: items.sort((a, b) => a.year - b.year || a.authority.siret.localeCompare(b.authority.siret) || a.operatorId.localeCompare(b.operatorId)) };
};
