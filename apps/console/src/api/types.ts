// The shapes of the API's answers the console reads (DESIGN §4); the API's OpenAPI document at
// /docs-json is the reference.

export type Role = 'officer' | 'auditor' | 'operator' | 'admin';

export interface Session {
  readonly signedIn: boolean;
  readonly signIn: { readonly oidc: boolean; readonly links: boolean };
  readonly sub?: string;
  readonly name?: string;
  readonly role?: Role;
  readonly departements?: readonly string[];
  readonly operatorId?: string;
  readonly via?: 'link' | 'oidc';
  readonly expiresAt?: string;
}

export type MandateStatus = 'pending' | 'active' | 'suspended' | 'expired' | 'completed' | 'terminated';

export interface Period {
  readonly start: string;
  readonly end: string;
}

export interface Territory {
  readonly departement: string;
  readonly communes: readonly string[];
  readonly sites?: readonly { readonly name: string; readonly commune?: string }[];
}

export interface Indicator {
  readonly name: string;
  readonly unit: string;
  readonly target: number;
}

export interface Mission {
  readonly type: string;
  readonly indicators: readonly Indicator[];
}

export interface Financing {
  readonly amountCents: number;
  readonly nature: string;
  readonly paymentTerms: string;
  readonly schedule?: readonly { readonly dueDate: string; readonly amountCents: number }[];
  readonly programme: string;
  readonly chorusCommitment?: string;
}

export interface BoardItem {
  readonly id: string;
  readonly operatorId: string;
  readonly status: MandateStatus;
  readonly authority: { readonly kind: string; readonly name: string; readonly departement: string };
  readonly instrument: { readonly kind: string; readonly reference: string };
  readonly period: Period;
  readonly missionTypes: readonly string[];
  readonly territory: Territory;
  readonly salariedFte: number;
  readonly funding: { readonly from: string; readonly to: string; readonly amountCents: number } | null;
  readonly suspensions: readonly { readonly from: string; readonly until: string | null }[];
  readonly terminatedFrom: string | null;
  readonly completedOn: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

export interface BoardPage extends Page<BoardItem> {
  readonly on: string;
  readonly asKnownAt: string | null;
}

export interface MandateView {
  readonly id: string;
  readonly revision: number;
  readonly on: string;
  readonly asKnownAt: string | null;
  readonly status: MandateStatus;
  readonly operatorId: string;
  readonly authority: { readonly kind: string; readonly name: string; readonly siret: string; readonly departement: string };
  readonly instrument: { readonly kind: string; readonly reference: string; readonly decisionDate: string; readonly signatureDate?: string; readonly cpv?: string };
  readonly legalBasis: readonly { readonly source: string; readonly article?: string; readonly reference?: string }[];
  readonly linkedObligations: readonly { readonly complianceCaseId: string; readonly obligationId: string }[];
  readonly period: Period;
  readonly terms: { readonly effectiveFrom: string; readonly missions: readonly Mission[]; readonly territory: Territory; readonly staffing: { readonly salariedFte: number; readonly volunteers?: number } };
  readonly funding: { readonly from: string; readonly to: string; readonly financing: Financing } | null;
  readonly fundings: readonly { readonly from: string; readonly to: string; readonly financing: Financing }[];
  readonly suspensions: readonly { readonly from: string; readonly until?: string | null; readonly reason: string; readonly decisionReference: string }[];
  readonly terminatedFrom: string | null;
  readonly completedOn: string | null;
  readonly lastRecordedAt: string;
}

export interface HistoryEntry {
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly data: Record<string, unknown>;
  readonly metadata: { readonly actor?: { readonly sub: string; readonly role: string }; readonly correlationId?: string; readonly requestId?: string } & Record<string, unknown>;
}

export interface OperatorDetails {
  readonly name: string;
  readonly legalForm: string;
  readonly siren: string;
  readonly siret?: string;
  readonly rna?: string;
  readonly departements: readonly string[];
  readonly languages: readonly string[];
  readonly salariedFte: number;
}

export interface OperatorListItem extends OperatorDetails {
  readonly id: string;
  readonly status: 'registered' | 'deregistered';
}

export interface OperatorView extends OperatorDetails {
  readonly id: string;
  readonly revision: number;
  readonly status: 'registered' | 'deregistered';
  readonly deregistration: { readonly effectiveFrom: string; readonly reason: string } | null;
  readonly portfolio: {
    readonly on: string;
    readonly mandates: { readonly total: number; readonly byStatus: Readonly<Record<MandateStatus, number>> };
    readonly inEffect: readonly string[];
    readonly byMissionType: readonly { readonly missionType: string; readonly mandates: number; readonly mandateIds: readonly string[] }[];
    readonly salariedFteCommitted: number;
    readonly fundedAmountCentsByYear: readonly { readonly year: number; readonly amountCents: number }[];
  };
}

export interface ObligationSummary {
  readonly obligationId: string;
  readonly article: string;
  readonly missionType: string;
  readonly departement: string;
  readonly communes: readonly string[];
  readonly notifiedOn: string | null;
  readonly deadline: string | null;
  readonly penaltyPerDayCents: number;
  readonly standing: string;
  readonly measures: readonly { readonly mandateId: string; readonly effectiveFrom: string }[];
}

export interface CaseSummary {
  readonly id: string;
  readonly status: 'open' | 'closed';
  readonly court: string;
  readonly caseNumbers: readonly string[];
  readonly decisionDate: string;
  readonly procedure: string;
  readonly appeals: readonly { readonly court: string; readonly caseNumbers: readonly string[]; readonly decisionDate: string; readonly outcome: string }[];
  readonly obligations: readonly ObligationSummary[];
}

/** A court's decision on a case: the opening one, then appellate ones. */
export interface CaseDecision {
  readonly kind: 'opening' | 'appeal';
  readonly court: string;
  readonly caseNumbers: readonly string[];
  readonly decisionDate: string;
  readonly notifiedOn?: string | null;
  readonly outcome?: string | null;
}

/** An obligation as recorded, with its deadline once notified. */
export interface CaseObligation {
  readonly obligationId: string;
  readonly article: string;
  readonly text: string;
  readonly missionType: string;
  readonly territory: Territory;
  readonly deadlineDays: number;
  readonly penaltyPerDayCents: number;
  readonly notifiedOn: string | null;
  readonly deadline: string | null;
  readonly measures: readonly { readonly mandateId: string; readonly effectiveFrom: string }[];
  readonly assessments: readonly { readonly kind: 'satisfied' | 'contested'; readonly on: string; readonly reason: string }[];
  readonly supersededBy?: unknown;
}

/** `GET /compliance-cases/:id`: the case as recorded up to `asKnownAt`. */
export interface CaseView {
  readonly id: string;
  readonly revision: number;
  readonly asKnownAt: string | null;
  readonly status: 'open' | 'closed';
  readonly procedure: string;
  readonly decisions: readonly CaseDecision[];
  readonly obligations: readonly CaseObligation[];
  readonly closedOn: string | null;
  readonly lastRecordedAt: string;
}

export interface Interval {
  readonly from: string;
  readonly to: string;
}

export interface ReportObligation {
  readonly obligationId: string;
  readonly article: string;
  readonly missionType: string;
  readonly text?: string;
  readonly territory: Territory;
  readonly notifiedOn: string | null;
  readonly deadline: string | null;
  readonly implementedOn: string | null;
  readonly daysLate: number;
  readonly penaltyPerDayCents: number;
  readonly penaltyExposureCents: number;
  readonly covered: readonly Interval[];
  readonly gaps: readonly Interval[];
  readonly measures: readonly { readonly mandateId: string; readonly effectiveFrom: string; readonly inEffect: readonly Interval[]; readonly suspended: readonly Interval[] }[];
  readonly indicators: readonly { readonly name: string; readonly unit: string; readonly total: number; readonly reports: number }[];
  readonly status: string;
}

export interface ComplianceReport {
  readonly complianceCaseId: string;
  readonly period: Interval;
  readonly asKnownAt: string;
  readonly obligations: readonly ReportObligation[];
  readonly totals: { readonly penaltyExposureCents: number; readonly byStatus: Readonly<Record<string, number>> };
}

export interface CheckpointView {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt: string;
  readonly note: string;
}

export interface InclusionProofView {
  readonly position: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly auditPath: readonly string[];
}

export interface PublicKeyView {
  readonly origin: string;
  readonly vkey: string;
}
