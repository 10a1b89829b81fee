import {
  type Authority,
  fundingOn,
  type GrantedMandate,
  type Instrument,
  type LegalReference,
  type LinkedObligation,
  mandateStatusOn,
  type MandateStatus,
  type Period,
  type Suspension,
  termsOn,
  type TermsVersion,
  type Funding,
  financialReportsOn,
  type FinancialReportOnDate,
  instalmentsOn,
  type InstalmentOnDate,
  paymentSummaryOn,
  type PaymentSummary,
  publicationDeadlineOf,
  type PublicationDeadline,
  type Recovery,
  type Withholding,
  type Payment,
} from '@mandate-ledger/domain';

/** A mandate as the record stood (`asKnownAt`) and as in effect on a date (`on`). */
export interface MandateView {
  readonly id: string;
  readonly revision: number;
  readonly on: string;
  readonly asKnownAt: string | null;
  /** On `on`: pending, active, suspended, expired, completed or terminated. */
  readonly status: MandateStatus;
  readonly operatorId: string;
  readonly authority: Authority;
  readonly instrument: Instrument;
  readonly legalBasis: readonly LegalReference[];
  readonly linkedObligations: readonly LinkedObligation[];
  readonly period: Period;
  /** Missions, territory and staffing in force on `on`. */
  readonly terms: TermsVersion;
  /** The financing covering `on`, if `on` lies in the period. */
  readonly funding: Funding | null;
  readonly fundings: readonly Funding[];
  readonly suspensions: readonly Suspension[];
  readonly terminatedFrom: string | null;
  readonly completedOn: string | null;
  /** Money on `on`: the totals, each instalment's standing, and every decision on it. */
  readonly payments: PaymentSummary & {
    readonly instalments: readonly InstalmentOnDate[];
    readonly made: readonly Payment[];
    readonly withholdings: readonly Withholding[];
    readonly recoveries: readonly Recovery[];
  };
  /** Each financial year's compte rendu financier on `on`: due date, receipt, lateness (subsidies only). */
  readonly financialReports: readonly FinancialReportOnDate[];
  /** When its essential data must be published (a subsidy above the threshold: SCDL; a public contract: DECP), or null. */
  readonly publication: PublicationDeadline | null;
  readonly lastRecordedAt: string;
}

/** The configuration the money and publication rules read. */
export interface MandateViewRules {
  readonly writtenAgreementThresholdCents: number;
  readonly financialReportDueMonths: number;
}

export const mandateViewOf = (
  id: string,
  mandate: GrantedMandate,
  at: { revision: bigint; lastRecordedAt: string; on: string; asKnownAt?: string },
  rules: MandateViewRules,
): MandateView => ({
  id,
  revision: Number(at.revision),
  on: at.on,
  asKnownAt: at.asKnownAt ?? null,
  status: mandateStatusOn(mandate, at.on),
  operatorId: mandate.operatorId,
  authority: mandate.authority,
  instrument: mandate.instrument,
  legalBasis: mandate.legalBasis,
  linkedObligations: mandate.linkedObligations,
  period: mandate.period,
  terms: termsOn(mandate, at.on),
  funding: fundingOn(mandate, at.on) ?? null,
  fundings: mandate.fundings,
  suspensions: mandate.suspensions,
  terminatedFrom: mandate.status === 'terminated' ? mandate.terminatedFrom : null,
  completedOn: mandate.status === 'completed' ? mandate.completedOn : null,
  payments: {
    ...paymentSummaryOn(mandate, at.on),
    instalments: instalmentsOn(mandate, at.on),
    made: mandate.payments,
    withholdings: mandate.withholdings,
    recoveries: mandate.recoveries,
  },
  financialReports: financialReportsOn(mandate, at.on, rules.financialReportDueMonths),
  publication: publicationDeadlineOf(mandate, at.on, rules.writtenAgreementThresholdCents) ?? null,
  lastRecordedAt: at.lastRecordedAt,
});
