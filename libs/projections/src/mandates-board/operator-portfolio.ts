import {
  addDays,
  type CalendarDate,
  daysBetween,
  type GrantedMandate,
  isAfter,
  isBefore,
  MANDATE_STATUSES,
  mandateStatusOn,
  type MandateStatus,
  type MissionType,
  termsOn,
} from '@mandate-ledger/domain';

export interface OperatorPortfolio {
  readonly on: CalendarDate;
  /** Every mandate of the operator, by status on `on`. */
  readonly mandates: { readonly total: number; readonly byStatus: Readonly<Record<MandateStatus, number>> };
  /** Mandates active on `on` (suspended ones are not in effect). */
  readonly inEffect: readonly string[];
  /** For the mandates in effect: which carry each mission type on `on`. */
  readonly byMissionType: readonly { readonly missionType: MissionType; readonly mandates: number; readonly mandateIds: readonly string[] }[];
  /** Salaried FTE the mandates in effect commit on `on` (volunteers never count), each mandate once. */
  readonly salariedFteCommitted: number;
  /**
   * Financing of all its mandates, spread over calendar years pro rata by day; days after a
   * termination or a completion are not funded. Whole cents (largest remainder).
   */
  readonly fundedAmountCentsByYear: readonly { readonly year: number; readonly amountCents: number }[];
}

/** The last day a mandate is in force as far as its record goes. */
const lastDayFunded = (mandate: GrantedMandate): CalendarDate => {
  if (mandate.status === 'terminated' && !isAfter(mandate.terminatedFrom, mandate.period.end)) return addDays(mandate.terminatedFrom, -1);
  if (mandate.status === 'completed' && isBefore(mandate.completedOn, mandate.period.end)) return mandate.completedOn;
  return mandate.period.end;
};

const yearOf = (date: CalendarDate): number => Number(date.slice(0, 4));

/** `amountCents` for `from`..`to`, of which only the days up to `until` count, per calendar year. */
export const fundingByYear = (from: CalendarDate, to: CalendarDate, amountCents: number, until: CalendarDate): Map<number, number> => {
  const result = new Map<number, number>();
  const totalDays = BigInt(daysBetween(from, to) + 1);
  const end = isBefore(until, to) ? until : to;
  if (totalDays <= 0n || isBefore(end, from)) return result;
  const amount = BigInt(amountCents);
  const shares: { year: number; floor: bigint; remainder: bigint }[] = [];
  let fundedDays = 0n;
  for (let year = yearOf(from); year <= yearOf(end); year++) {
    const start = year === yearOf(from) ? from : `${String(year).padStart(4, '0')}-01-01`;
    const last = year === yearOf(end) ? end : `${String(year).padStart(4, '0')}-12-31`;
    const days = BigInt(daysBetween(start, last) + 1);
    fundedDays += days;
    shares.push({ year, floor: (amount * days) / totalDays, remainder: (amount * days) % totalDays });
  }
  const target = (amount * fundedDays * 2n + totalDays) / (2n * totalDays);
  let missing = target - shares.reduce((sum, s) => sum + s.floor, 0n);
  for (const share of [...shares].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.year - b.year))) {
    if (missing <= 0n) break;
    share.floor += 1n;
    missing -= 1n;
  }
  for (const share of shares) result.set(share.year, Number(share.floor));
  return result;
};

/** The portfolio of an operator on a date, from the board's rows of its mandates (the domain's own state). */
export const operatorPortfolioOf = (mandates: readonly { id: string; mandate: GrantedMandate }[], on: CalendarDate): OperatorPortfolio => {
  const byStatus = Object.fromEntries(MANDATE_STATUSES.map((s) => [s, 0])) as Record<MandateStatus, number>;
  const inEffect: string[] = [];
  const byMission = new Map<MissionType, string[]>();
  const byYear = new Map<number, number>();
  let salariedFte = 0;
  for (const { id, mandate } of mandates) {
    const status = mandateStatusOn(mandate, on);
    byStatus[status]++;
    if (status === 'active') {
      inEffect.push(id);
      const terms = termsOn(mandate, on);
      salariedFte += terms.staffing.salariedFte;
      for (const type of new Set(terms.missions.map((m) => m.type))) byMission.set(type, [...(byMission.get(type) ?? []), id]);
    }
    const until = lastDayFunded(mandate);
    for (const funding of mandate.fundings) {
      for (const [year, cents] of fundingByYear(funding.from, funding.to, funding.financing.amountCents, until)) {
        byYear.set(year, (byYear.get(year) ?? 0) + cents);
      }
    }
  }
  return {
    on,
    mandates: { total: mandates.length, byStatus },
    inEffect,
    byMissionType: [...byMission]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([missionType, ids]) => ({ missionType, mandates: ids.length, mandateIds: ids })),
    // FTE are decimals (0.5): rounded to the hundredth to avoid binary noise in sums.
    salariedFteCommitted: Math.round(salariedFte * 100) / 100,
    fundedAmountCentsByYear: [...byYear].sort(([a], [b]) => a - b).map(([year, amountCents]) => ({ year, amountCents })),
  };
};
