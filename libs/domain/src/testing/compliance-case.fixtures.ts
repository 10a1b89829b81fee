import { CommandMetadata } from '../shared/decider';
import {
  AddComplianceObligation,
  AttachComplianceEvidence,
  CloseComplianceCase,
  LinkComplianceMeasure,
  LiquidateCompliancePenalty,
  MandateSnapshot,
  MarkComplianceObligationContested,
  MarkComplianceObligationSatisfied,
  OpenComplianceCase,
  RecordComplianceAppeal,
  RecordComplianceConsultation,
  RecordComplianceNotification,
  RequestComplianceReview,
} from '../compliance-cases/compliance-case.commands';
import {
  ComplianceAppealDecided,
  ComplianceCaseClosed,
  ComplianceCaseOpened,
  ComplianceConsultationHeld,
  ComplianceDecisionNotified,
  ComplianceEvidenceAttached,
  ComplianceMeasureLinked,
  ComplianceObligationAdded,
  ComplianceObligationContested,
  ComplianceObligationSatisfied,
  CompliancePenaltyLiquidated,
  ComplianceReviewRequested,
  ObligationTerms,
} from '../compliance-cases/compliance-case.events';
import { metadata } from './mandate.fixtures';

// Test data modelled on the order of the administrative court of Lille, référé n° 1705379,
// 26 June 2017, upheld by the Conseil d'État on 31 July 2017 (n° 412125, 412171). The
// notification date is an input: these tests take 28 June 2017.
// `asKnownAt` is not the decider's nor the coverage's business: the caller keeps the events
// recorded up to that instant before folding them (see coverage.ts).

export { metadata };
export const complianceCaseId = 'case-calais-2017';
export const sha256Of = (digit: string) => digit.repeat(64);
const onCase = { complianceCaseId };
type Changes<T> = Partial<Record<keyof T, unknown>>;

const opening = { court: 'Tribunal administratif de Lille', caseNumbers: ['1705379'], decisionDate: '2017-06-26', procedure: 'refere_liberte' } as const;
const appeal = { court: "Conseil d'État", caseNumbers: ['412125', '412171'], decisionDate: '2017-07-31', outcome: 'upheld' } as const;

export const openCase = (changes: Changes<OpenComplianceCase['data']> = {}, meta: CommandMetadata = metadata): OpenComplianceCase => ({
  type: 'OpenComplianceCase',
  data: { ...onCase, ...opening, ...changes } as OpenComplianceCase['data'],
  metadata: meta,
});
export const caseOpened = (changes: Partial<ComplianceCaseOpened['data']> = {}): ComplianceCaseOpened => ({
  type: 'ComplianceCaseOpened',
  schemaVersion: 2,
  data: { ...onCase, ...opening, parties: { applicants: [], defendants: [] }, ...changes },
});

export const recordAppeal = (changes: Changes<RecordComplianceAppeal['data']> = {}): RecordComplianceAppeal => ({
  type: 'RecordComplianceAppeal',
  data: { ...onCase, ...appeal, ...changes } as RecordComplianceAppeal['data'],
  metadata,
});
export const appealDecided = (changes: Partial<ComplianceAppealDecided['data']> = {}): ComplianceAppealDecided => ({
  type: 'ComplianceAppealDecided',
  schemaVersion: 1,
  data: { ...onCase, ...appeal, supersedes: [], ...changes },
});

/** Article 2 of the order: the daily outreach for unaccompanied minors in Calais, 10 days, €100 a day. */
export const maraudeObligation: ObligationTerms = {
  obligationId: 'art-2-maraude',
  decision: '1705379',
  article: 'art. 2',
  text: 'organiser un dispositif adapté de maraude quotidienne à destination des mineurs non accompagnés',
  addressees: [{ kind: 'prefet', name: 'Préfet du Pas-de-Calais' }],
  missionType: 'MARAUDE_MINORS',
  territory: { departement: '62', communes: ['62193'] },
  deadlineDays: 10,
  oneOff: false,
  penaltyPerDayCents: 10_000,
  penaltyScope: 'obligation',
  supersedes: [],
};

export const addObligation = (changes: Changes<AddComplianceObligation['data']> = {}): AddComplianceObligation => {
  const { supersedes: _, oneOff: __, penaltyScope: ___, ...terms } = maraudeObligation;
  return { type: 'AddComplianceObligation', data: { ...onCase, ...terms, ...changes } as AddComplianceObligation['data'], metadata };
};
export const obligationAdded = (changes: Partial<ObligationTerms> = {}): ComplianceObligationAdded => ({
  type: 'ComplianceObligationAdded',
  schemaVersion: 2,
  data: { ...onCase, ...maraudeObligation, ...changes },
});

export const recordNotification = (changes: Changes<RecordComplianceNotification['data']> = {}): RecordComplianceNotification => ({
  type: 'RecordComplianceNotification',
  data: { ...onCase, decision: '1705379', notifiedOn: '2017-06-28', ...changes } as RecordComplianceNotification['data'],
  metadata,
});
export const notified = (changes: Partial<ComplianceDecisionNotified['data']> = {}): ComplianceDecisionNotified => ({
  type: 'ComplianceDecisionNotified',
  schemaVersion: 1,
  data: { ...onCase, decision: '1705379', notifiedOn: '2017-06-28', ...changes },
});

export const linkMeasure = (
  changes: Changes<LinkComplianceMeasure['data']> = {},
  mandate: MandateSnapshot = { status: 'granted' },
): LinkComplianceMeasure => ({
  type: 'LinkComplianceMeasure',
  data: { ...onCase, obligationId: 'art-2-maraude', mandateId: 'mandate-maraude', effectiveFrom: '2017-07-27', ...changes } as LinkComplianceMeasure['data'],
  mandate,
  metadata,
});
export const measureLinked = (changes: Partial<ComplianceMeasureLinked['data']> = {}): ComplianceMeasureLinked => ({
  type: 'ComplianceMeasureLinked',
  schemaVersion: 1,
  data: { ...onCase, obligationId: 'art-2-maraude', mandateId: 'mandate-maraude', effectiveFrom: '2017-07-27', ...changes },
});

const evidence = { sha256: sha256Of('a'), title: 'Rapport de la maraude, août 2017', documentDate: '2017-09-05' };
export const attachEvidence = (changes: Changes<AttachComplianceEvidence['data']> = {}): AttachComplianceEvidence => ({
  type: 'AttachComplianceEvidence',
  data: { ...onCase, ...evidence, ...changes } as AttachComplianceEvidence['data'],
  metadata,
});
export const evidenceAttached = (changes: Partial<ComplianceEvidenceAttached['data']> = {}): ComplianceEvidenceAttached => ({
  type: 'ComplianceEvidenceAttached',
  schemaVersion: 1,
  data: { ...onCase, ...evidence, ...changes },
});

const consultation = {
  heldOn: '2017-09-20',
  parties: ['Préfet du Pas-de-Calais', 'Commune de Calais', 'Secours catholique'],
  summary: 'Point sur les maraudes et les points d’eau',
};
export const recordConsultation = (changes: Changes<RecordComplianceConsultation['data']> = {}): RecordComplianceConsultation => ({
  type: 'RecordComplianceConsultation',
  data: { ...onCase, ...consultation, ...changes } as RecordComplianceConsultation['data'],
  metadata,
});
export const consultationHeld = (changes: Partial<ComplianceConsultationHeld['data']> = {}): ComplianceConsultationHeld => ({
  type: 'ComplianceConsultationHeld',
  schemaVersion: 1,
  data: { ...onCase, ...consultation, ...changes },
});

const satisfaction = { obligationId: 'art-2-maraude', satisfiedOn: '2017-09-01', reason: 'maraude held daily since 27 July' };
export const markSatisfied = (changes: Changes<MarkComplianceObligationSatisfied['data']> = {}): MarkComplianceObligationSatisfied => ({
  type: 'MarkComplianceObligationSatisfied',
  data: { ...onCase, ...satisfaction, ...changes } as MarkComplianceObligationSatisfied['data'],
  metadata,
});
export const satisfied = (changes: Partial<ComplianceObligationSatisfied['data']> = {}): ComplianceObligationSatisfied => ({
  type: 'ComplianceObligationSatisfied',
  schemaVersion: 1,
  data: { ...onCase, ...satisfaction, ...changes },
});

const contestation = { obligationId: 'art-2-maraude', contestedOn: '2017-10-10', contestedBy: 'Secours catholique', reason: 'no maraude during the suspension' };
export const markContested = (changes: Changes<MarkComplianceObligationContested['data']> = {}): MarkComplianceObligationContested => ({
  type: 'MarkComplianceObligationContested',
  data: { ...onCase, ...contestation, ...changes } as MarkComplianceObligationContested['data'],
  metadata,
});
export const contested = (changes: Partial<ComplianceObligationContested['data']> = {}): ComplianceObligationContested => ({
  type: 'ComplianceObligationContested',
  schemaVersion: 1,
  data: { ...onCase, ...contestation, ...changes },
});

// The judge liquidates the outreach's penalty for its first 18 days late, moderated, a quarter to the State.
const liquidation = {
  obligationId: 'art-2-maraude',
  decisionReference: 'TA Lille 1707711',
  liquidatedOn: '2017-10-20',
  period: { from: '2017-07-09', to: '2017-07-26' },
  amountCents: 120_000,
  stateShareCents: 30_000,
  moderation: 'diligences accomplies par le préfet depuis la notification',
};
export const liquidatePenalty = (changes: Changes<LiquidateCompliancePenalty['data']> = {}): LiquidateCompliancePenalty => ({
  type: 'LiquidateCompliancePenalty',
  data: { ...onCase, ...liquidation, ...changes } as LiquidateCompliancePenalty['data'],
  metadata,
});
export const penaltyLiquidated = (changes: Partial<CompliancePenaltyLiquidated['data']> = {}): CompliancePenaltyLiquidated => ({
  type: 'CompliancePenaltyLiquidated',
  schemaVersion: 1,
  data: { ...onCase, ...liquidation, ...changes },
});

// The Conseil d'État asks for a review of the measures taken, within a month of its decision.
const review = {
  reviewId: 'bilan-ce-2017',
  kind: 'bilan',
  decision: '412125',
  dueOn: '2017-08-31',
  subject: 'bilan des mesures prises pour l’exécution de l’ordonnance',
  obligationIds: ['art-2-maraude'],
} as const;
export const requestReview = (changes: Changes<RequestComplianceReview['data']> = {}): RequestComplianceReview => ({
  type: 'RequestComplianceReview',
  data: { ...onCase, ...review, ...changes } as RequestComplianceReview['data'],
  metadata,
});
export const reviewRequested = (changes: Partial<ComplianceReviewRequested['data']> = {}): ComplianceReviewRequested => ({
  type: 'ComplianceReviewRequested',
  schemaVersion: 1,
  data: { ...onCase, ...review, ...changes },
});

export const closeCase = (changes: Changes<CloseComplianceCase['data']> = {}): CloseComplianceCase => ({
  type: 'CloseComplianceCase',
  data: { ...onCase, closedOn: '2018-01-10', reason: 'injunctions executed', ...changes } as CloseComplianceCase['data'],
  metadata,
});
export const caseClosed = (changes: Partial<ComplianceCaseClosed['data']> = {}): ComplianceCaseClosed => ({
  type: 'ComplianceCaseClosed',
  schemaVersion: 1,
  data: { ...onCase, closedOn: '2018-01-10', reason: 'injunctions executed', ...changes },
});

