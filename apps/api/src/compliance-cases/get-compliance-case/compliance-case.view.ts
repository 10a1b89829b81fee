import {
  type ComplianceObligation,
  type Consultation,
  type CaseParties,
  type DecisionRecord,
  deadlineOf,
  type Evidence,
  type Liquidation,
  type OpenedComplianceCase,
  type Procedure,
  type Review,
} from '@mandate-ledger/domain';
import { departementsOfCase } from '@mandate-ledger/application';

/** An obligation as recorded, with its deadline once the decision ordering it is notified. */
export type ObligationView = ComplianceObligation & {
  readonly notifiedOn: string | null;
  /** The last day to comply: the notification plus `deadlineDays`. */
  readonly deadline: string | null;
};

/** A compliance case as the record stood (`asKnownAt`, else now). Coverage and penalties are the report's. */
export interface ComplianceCaseView {
  readonly id: string;
  readonly revision: number;
  readonly asKnownAt: string | null;
  readonly status: 'open' | 'closed';
  readonly procedure: Procedure;
  /** Who brought the case (applicants) and against whom (defendants). */
  readonly parties: CaseParties;
  /** The opening decision first, then the appellate ones, each with its notification date once recorded. */
  readonly decisions: readonly DecisionRecord[];
  readonly obligations: readonly ObligationView[];
  readonly evidence: readonly Evidence[];
  readonly consultations: readonly Consultation[];
  /** The judge's liquidations of its penalties, as recorded. */
  readonly liquidations: readonly Liquidation[];
  /** The consultations and reviews its decisions asked for, with their due dates. */
  readonly reviews: readonly Review[];
  /** The territories of its obligations: what an officer must hold to read or record on it. */
  readonly departements: readonly string[];
  readonly closedOn: string | null;
  readonly closureReason: string | null;
  readonly lastRecordedAt: string;
}

export const complianceCaseViewOf = (
  id: string,
  complianceCase: OpenedComplianceCase,
  at: { revision: bigint; lastRecordedAt: string; asKnownAt?: string },
): ComplianceCaseView => ({
  id,
  revision: Number(at.revision),
  asKnownAt: at.asKnownAt ?? null,
  status: complianceCase.status,
  procedure: complianceCase.procedure,
  parties: complianceCase.parties,
  decisions: complianceCase.decisions,
  obligations: complianceCase.obligations.map((obligation) => {
    const deadline = deadlineOf(complianceCase, obligation);
    return { ...obligation, notifiedOn: deadline?.notifiedOn ?? null, deadline: deadline?.deadline ?? null };
  }),
  evidence: complianceCase.evidence,
  consultations: complianceCase.consultations,
  liquidations: complianceCase.liquidations,
  reviews: complianceCase.reviews,
  departements: departementsOfCase(complianceCase),
  closedOn: complianceCase.status === 'closed' ? complianceCase.closedOn : null,
  closureReason: complianceCase.status === 'closed' ? complianceCase.closureReason : null,
  lastRecordedAt: at.lastRecordedAt,
});
