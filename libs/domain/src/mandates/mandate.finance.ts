import { addDays, addMonths, addYears, CalendarDate, daysBetween, isAfter, isBefore, yearOf } from '../shared/dates';
import { GrantedMandate, lastDayInForce } from './mandate.state';
import { OtherSubsidy } from './mandate.commands';
import { Instalment, InstrumentKind, NON_SUBSIDY_KINDS, OpenDataSet } from './mandate.terms';

// What a mandate's money and open-data obligations stand at on a date, from its recorded facts
// alone: the board, the mandate page, the finance queries and the decider read the same functions.

/** Every instalment the mandate schedules (the grant's, then those of renewals and amended financings), by due date. */
export const scheduleOf = (mandate: GrantedMandate): Instalment[] =>
  mandate.fundings.flatMap((funding) => funding.financing.schedule ?? []).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));

/**
 * An instalment on a date: `paid` in full; `withheld` by a decision; `overdue` when its due date has
 * passed unpaid; else `due` (still to pay, on time).
 */
export type InstalmentStanding = 'paid' | 'withheld' | 'overdue' | 'due';

export interface InstalmentOnDate extends Instalment {
  readonly paidCents: number;
  readonly outstandingCents: number;
  readonly standing: InstalmentStanding;
  /** Days past its due date, for an overdue instalment. */
  readonly daysOverdue: number;
}

const paidTowards = (mandate: GrantedMandate, dueDate: CalendarDate, on: CalendarDate): number =>
  mandate.payments.filter((p) => p.dueDate === dueDate && !isAfter(p.paidOn, on)).reduce((sum, p) => sum + p.amountCents, 0);

export const instalmentsOn = (mandate: GrantedMandate, on: CalendarDate): InstalmentOnDate[] =>
  scheduleOf(mandate).map((instalment) => {
    const paidCents = paidTowards(mandate, instalment.dueDate, on);
    const outstandingCents = Math.max(instalment.amountCents - paidCents, 0);
    const withheld = mandate.withholdings.some((w) => w.dueDate === instalment.dueDate && !isAfter(w.decidedOn, on));
    const standing: InstalmentStanding =
      outstandingCents === 0 ? 'paid' : withheld ? 'withheld' : isBefore(instalment.dueDate, on) ? 'overdue' : 'due';
    return { ...instalment, paidCents, outstandingCents, standing, daysOverdue: standing === 'overdue' ? daysBetween(instalment.dueDate, on) : 0 };
  });

/** Money on a date, in cents: `due` is what is still to pay on time, `overdue` what is unpaid past its date, `withheld` what a decision holds back. */
export interface PaymentSummary {
  readonly scheduledCents: number;
  readonly paidCents: number;
  readonly dueCents: number;
  readonly overdueCents: number;
  readonly withheldCents: number;
  readonly recoveredCents: number;
}

export const paymentSummaryOn = (mandate: GrantedMandate, on: CalendarDate): PaymentSummary => {
  const instalments = instalmentsOn(mandate, on);
  const outstanding = (standing: InstalmentStanding) =>
    instalments.filter((i) => i.standing === standing).reduce((sum, i) => sum + i.outstandingCents, 0);
  return {
    scheduledCents: instalments.reduce((sum, i) => sum + i.amountCents, 0),
    paidCents: mandate.payments.filter((p) => !isAfter(p.paidOn, on)).reduce((sum, p) => sum + p.amountCents, 0),
    dueCents: outstanding('due'),
    overdueCents: outstanding('overdue'),
    withheldCents: outstanding('withheld'),
    recoveredCents: mandate.recoveries.filter((r) => !isAfter(r.orderedOn, on)).reduce((sum, r) => sum + r.amountCents, 0),
  };
};

/** The calendar years the mandate was in force in: each is a financial year with its compte rendu financier. */
export const financialYearsOf = (mandate: GrantedMandate): number[] => {
  const last = lastDayInForce(mandate);
  if (isBefore(last, mandate.period.start)) return [];
  const years: number[] = [];
  for (let year = yearOf(mandate.period.start); year <= yearOf(last); year++) years.push(year);
  return years;
};

/** The last day of `year` the mandate was in force: a financial report covers the year up to it. */
export const financialYearEndOf = (mandate: GrantedMandate, year: number): CalendarDate => {
  const last = lastDayInForce(mandate);
  const end = `${String(year).padStart(4, '0')}-12-31`;
  return isBefore(last, end) ? last : end;
};

/** Loi 2000-321 art. 10: the financial report is due within `dueMonths` (six) of the end of the financial year. */
export const financialReportDueOn = (year: number, dueMonths: number): CalendarDate => addMonths(`${String(year).padStart(4, '0')}-12-31`, dueMonths);

/** A year's report on a date: received (on time or late), missing past its due date, or not yet due. */
export type FinancialReportStanding = 'received' | 'received_late' | 'missing' | 'not_yet_due';

export interface FinancialReportOnDate {
  readonly financialYear: number;
  readonly dueOn: CalendarDate;
  readonly receivedOn: CalendarDate | null;
  readonly spentCents: number | null;
  readonly standing: FinancialReportStanding;
  /** Days past the due date: until receipt, or until `on` while missing. */
  readonly daysLate: number;
}

/** Subsidies only: a public contract or a requisition has no compte rendu financier. */
export const financialReportsOn = (mandate: GrantedMandate, on: CalendarDate, dueMonths: number): FinancialReportOnDate[] => {
  if (NON_SUBSIDY_KINDS.includes(mandate.instrument.kind)) return [];
  return financialYearsOf(mandate).map((financialYear) => {
    const dueOn = financialReportDueOn(financialYear, dueMonths);
    const receipt = mandate.financialReports.find((r) => r.financialYear === financialYear && !isAfter(r.receivedOn, on));
    if (receipt !== undefined) {
      const late = isAfter(receipt.receivedOn, dueOn);
      return { financialYear, dueOn, receivedOn: receipt.receivedOn, spentCents: receipt.spentCents, standing: late ? 'received_late' : 'received', daysLate: late ? daysBetween(dueOn, receipt.receivedOn) : 0 };
    }
    const missing = isAfter(on, dueOn);
    return { financialYear, dueOn, receivedOn: null, spentCents: null, standing: missing ? 'missing' : 'not_yet_due', daysLate: missing ? daysBetween(dueOn, on) : 0 };
  });
};

/** Months to publish after the date that starts the delay: SCDL three months from signature, DECP two from notification. */
export const PUBLICATION_DELAY_MONTHS: Readonly<Record<OpenDataSet, number>> = { scdl_subventions: 3, decp: 2 };

export interface PublicationDeadline {
  readonly dataset: OpenDataSet;
  /** The signature (subsidies; the decision when none is recorded) or the notification (contracts; the signature, then the decision, for contracts recorded without one). */
  readonly from: CalendarDate;
  readonly dueOn: CalendarDate;
  readonly publishedOn: CalendarDate | null;
  /** `late`: unpublished past its due date, or published after it. */
  readonly standing: 'published' | 'published_late' | 'late' | 'not_yet_due';
  readonly daysLate: number;
}

/** What the granted amount of a subsidy is for the publication rule: the grant's own financing. */
const grantedAmountCents = (mandate: GrantedMandate): number => mandate.fundings[0].financing.amountCents;

/**
 * Décret 2017-779: a subsidy above the threshold is published (SCDL) within three months of its
 * signature; a public contract (DECP) within two months of its notification. Other mandates owe no publication.
 */
export const publicationDeadlineOf = (mandate: GrantedMandate, on: CalendarDate, thresholdCents: number): PublicationDeadline | undefined => {
  const { instrument } = mandate;
  let dataset: OpenDataSet;
  let from: CalendarDate;
  if (instrument.kind === 'public_contract') {
    dataset = 'decp';
    from = instrument.procurement?.notificationDate ?? instrument.signatureDate ?? instrument.decisionDate;
  } else if (!NON_SUBSIDY_KINDS.includes(instrument.kind) && grantedAmountCents(mandate) > thresholdCents) {
    dataset = 'scdl_subventions';
    from = instrument.signatureDate ?? instrument.decisionDate;
  } else return undefined;
  const dueOn = addMonths(from, PUBLICATION_DELAY_MONTHS[dataset]);
  const publishedOn = mandate.publications.find((p) => p.dataset === dataset && !isAfter(p.publishedOn, on))?.publishedOn ?? null;
  if (publishedOn !== null) {
    const late = isAfter(publishedOn, dueOn);
    return { dataset, from, dueOn, publishedOn, standing: late ? 'published_late' : 'published', daysLate: late ? daysBetween(dueOn, publishedOn) : 0 };
  }
  const late = isAfter(on, dueOn);
  return { dataset, from, dueOn, publishedOn, standing: late ? 'late' : 'not_yet_due', daysLate: late ? daysBetween(dueOn, on) : 0 };
};

/** A part of a funding for the written-agreement rule: a funding year's share of the amount, in the calendar year it begins. */
export interface FundingYear {
  readonly year: number;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly amountCents: number;
}

/**
 * A funding cut into funding years from its first day (one for a funding of a year or less), each
 * carrying its share of the amount by days (whole cents, the remainder on the last), counted in the
 * calendar year it begins in: the budget year on which that part is committed.
 */
export const fundingYearsOf = (funding: { readonly from: CalendarDate; readonly to: CalendarDate; readonly amountCents: number }): FundingYear[] => {
  const totalDays = daysBetween(funding.from, funding.to) + 1;
  const parts: FundingYear[] = [];
  let allotted = 0;
  for (let from = funding.from; !isAfter(from, funding.to); ) {
    const nextYear = addYears(from, 1);
    const to = isBefore(addDays(nextYear, -1), funding.to) ? addDays(nextYear, -1) : funding.to;
    const last = to === funding.to;
    const amountCents = last ? funding.amountCents - allotted : Math.floor((funding.amountCents * (daysBetween(from, to) + 1)) / totalDays);
    allotted += amountCents;
    parts.push({ year: yearOf(from), from, to, amountCents });
    from = addDays(to, 1);
  }
  return parts;
};

/** One subsidy's part of a year, as the written-agreement rule counts it. */
export interface SubsidyYearShare {
  readonly mandateId: string;
  readonly reference: string;
  readonly instrumentKind: InstrumentKind;
  readonly amountCents: number;
}

/**
 * The subsidies of one authority to one operator added up by calendar year ({@link fundingYearsOf}),
 * each year with its total and the decisions it adds up (those with a part of it), by year.
 */
export const subsidyYearTotals = (subsidies: readonly OtherSubsidy[]): { year: number; totalCents: number; shares: SubsidyYearShare[] }[] => {
  const parts = subsidies.map((subsidy) => ({ subsidy, years: subsidy.fundings.flatMap(fundingYearsOf) }));
  const years = [...new Set(parts.flatMap(({ years: y }) => y.map((part) => part.year)))].sort((a, b) => a - b);
  return years.map((year) => {
    const shares = parts
      .map(({ subsidy, years: y }) => ({
        mandateId: subsidy.mandateId,
        reference: subsidy.reference,
        instrumentKind: subsidy.instrumentKind,
        amountCents: y.filter((part) => part.year === year).reduce((sum, part) => sum + part.amountCents, 0),
      }))
      .filter((share) => share.amountCents > 0);
    return { year, totalCents: shares.reduce((sum, share) => sum + share.amountCents, 0), shares };
  });
};
