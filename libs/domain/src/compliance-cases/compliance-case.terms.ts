import { CalendarDate } from '../shared/dates';

/**
 * How the court was seized: référé-liberté (CJA L.521-2), référé-suspension (L.521-1), référé
 * « mesures utiles » (L.521-3), a judgment on the merits, or a request for execution (L.911-4).
 */
export const PROCEDURES = ['refere_liberte', 'refere_suspension', 'refere_mesures_utiles', 'merits', 'execution'] as const;
export type Procedure = (typeof PROCEDURES)[number];

/** An appellate decision rejects the appeal (upholds the order) or changes it. */
export const APPEAL_OUTCOMES = ['upheld', 'modified'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const ADDRESSEE_KINDS = ['prefet', 'commune', 'departement', 'other'] as const;
export type AddresseeKind = (typeof ADDRESSEE_KINDS)[number];

/**
 * Whom one penalty (astreinte) runs for, as the order sets it: each obligation its own, one for
 * the obligations of an article, or one for the whole decision. A day counts once for a shared
 * penalty, whichever of its obligations is not executed that day.
 */
export const PENALTY_SCOPES = ['obligation', 'article', 'decision'] as const;
export type PenaltyScope = (typeof PENALTY_SCOPES)[number];

/** What a court may ask the parties for, by a date: a consultation among them, or a written review (bilan). */
export const REVIEW_KINDS = ['consultation', 'bilan'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * The parties to the proceedings as the decision names them: who brought the case (requérants:
 * associations, people) and whom it was brought against (défendeurs: the préfet, the commune).
 */
export interface CaseParties {
  readonly applicants: readonly string[];
  readonly defendants: readonly string[];
}

/** Whom the court orders to act: `{kind: 'prefet', name: 'Préfet du Pas-de-Calais'}`; `other` needs its name. */
export interface Addressee {
  readonly kind: AddresseeKind;
  readonly name?: string;
}

/**
 * A court decision: `caseNumbers` are the court's numbers (joined cases share one decision,
 * as Conseil d'État n° 412125, 412171). Within a case, any one of them names the decision.
 */
export interface CourtDecision {
  readonly court: string;
  readonly caseNumbers: readonly string[];
  readonly decisionDate: CalendarDate;
}
