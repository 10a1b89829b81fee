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
  readonly lastRecordedAt: string;
}

export const mandateViewOf = (
  id: string,
  mandate: GrantedMandate,
  at: { revision: bigint; lastRecordedAt: string; on: string; asKnownAt?: string },
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
  lastRecordedAt: at.lastRecordedAt,
});
