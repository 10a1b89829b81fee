import { DateInterval, daysIn, overlaps } from '../shared/date-intervals';
import { CalendarDate, isAfter, isBefore } from '../shared/dates';
import { CommandMetadata, Decider } from '../shared/decider';
import { invalidField, invalidPeriod } from '../shared/domain-error';
import { requireDate, requireNotInFuture, requireOneOf, requireText } from '../shared/validation';
import { effectiveDateOutOfOrder, invalidAmount } from '../mandates/mandate.errors';
import {
  AddComplianceObligation,
  AttachComplianceEvidence,
  CloseComplianceCase,
  ComplianceCaseCommand,
  LinkComplianceMeasure,
  LiquidateCompliancePenalty,
  MarkComplianceObligationContested,
  MarkComplianceObligationSatisfied,
  OpenComplianceCase,
  RecordComplianceAppeal,
  RecordComplianceConsultation,
  RecordComplianceNotification,
  RequestComplianceReview,
} from './compliance-case.commands';
import {
  caseNumberAlreadyRecorded,
  complianceCaseAlreadyOpened,
  complianceCaseClosed,
  complianceCaseNotFound,
  dateBeforeDecision,
  daysAfterLiquidation,
  daysAlreadyLiquidated,
  decisionAlreadyNotified,
  decisionNotFound,
  evidenceAlreadyAttached,
  liquidationExceedsPenalty,
  mandateNotGranted,
  measureAlreadyLinked,
  noPenaltyOrdered,
  obligationAlreadyAdded,
  obligationAlreadyContested,
  obligationAlreadySatisfied,
  obligationNotFound,
  obligationSuperseded,
  penaltyMismatch,
  penaltyNotRunning,
  reviewAlreadyRequested,
  stateShareExceedsAmount,
  upheldSupersedesNothing,
} from './compliance-case.errors';
import {
  ComplianceAppealDecided,
  ComplianceCaseClosed,
  ComplianceCaseEvent,
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
} from './compliance-case.events';
import {
  Assessment,
  ComplianceCaseState,
  ComplianceObligation,
  decisionNamed,
  DecisionRecord,
  obligationNamed,
  OpenedComplianceCase,
  penaltyGroupOf,
  penaltyStartOf,
  Supersession,
} from './compliance-case.state';
import { APPEAL_OUTCOMES, PROCEDURES, REVIEW_KINDS } from './compliance-case.terms';
import { distinctTexts, requireSha256, validCourtDecision, validObligationTerms } from './compliance-case.validation';

const requireOpened = (state: ComplianceCaseState, id: string): OpenedComplianceCase => {
  if (state.status === 'not_opened') throw complianceCaseNotFound(id);
  return state;
};

/** Once closed, a case takes no more facts (reports on it may still be issued, on their own streams). */
const requireOpen = (state: ComplianceCaseState, id: string): OpenedComplianceCase & { status: 'open' } => {
  const complianceCase = requireOpened(state, id);
  if (complianceCase.status === 'closed') throw complianceCaseClosed(complianceCase.closedOn);
  return complianceCase;
};

const openingDecision = (complianceCase: OpenedComplianceCase) => complianceCase.decisions[0];

const requireNotBefore = (date: CalendarDate, field: string, decisionDate: CalendarDate) => {
  if (isBefore(date, decisionDate)) throw dateBeforeDecision(field, date, decisionDate);
};

const requireDecision = (complianceCase: OpenedComplianceCase, caseNumber: string): DecisionRecord => {
  const decision = decisionNamed(complianceCase, caseNumber);
  if (decision === undefined) throw decisionNotFound(caseNumber);
  return decision;
};

const requireObligation = (complianceCase: OpenedComplianceCase, obligationId: unknown): ComplianceObligation => {
  const obligation = obligationNamed(complianceCase, requireText(obligationId, 'obligationId'));
  if (obligation === undefined) throw obligationNotFound(obligationId as string);
  return obligation;
};

/** The obligation must still be in force on `date`: it is not from its supersession on. */
const requireInForce = (obligation: ComplianceObligation, date: CalendarDate) => {
  const supersession = obligation.supersededBy;
  if (supersession !== undefined && !isBefore(date, supersession.on)) throw obligationSuperseded(obligation.obligationId, supersession.on);
};

/** Obligations a decision of `decisionDate` may supersede: existing, not yet superseded, ordered no later. */
const requireSupersedable = (complianceCase: OpenedComplianceCase, obligationIds: readonly string[], decisionDate: CalendarDate) => {
  for (const id of obligationIds) {
    const obligation = requireObligation(complianceCase, id);
    if (obligation.supersededBy !== undefined) throw obligationSuperseded(id, obligation.supersededBy.on);
    requireNotBefore(decisionDate, 'the superseding decision of', obligation.orderedOn);
  }
};

export const openComplianceCase = ({ data, metadata }: OpenComplianceCase, state: ComplianceCaseState): ComplianceCaseOpened[] => {
  if (state.status !== 'not_opened') throw complianceCaseAlreadyOpened(data.complianceCaseId);
  const complianceCaseId = requireText(data.complianceCaseId, 'complianceCaseId');
  const decision = validCourtDecision(data);
  const procedure = requireOneOf(data.procedure, PROCEDURES, 'procedure');
  if (data.parties !== undefined && (data.parties === null || typeof data.parties !== 'object')) throw invalidField('parties', 'an object');
  const parties = {
    applicants: distinctTexts(data.parties?.applicants ?? [], 'parties.applicants'),
    defendants: distinctTexts(data.parties?.defendants ?? [], 'parties.defendants'),
  };
  requireNotInFuture(decision.decisionDate, 'decisionDate', metadata);
  return [{ type: 'ComplianceCaseOpened', schemaVersion: 2, data: { complianceCaseId, ...decision, procedure, parties } }];
};

export const recordComplianceAppeal = ({ data, metadata }: RecordComplianceAppeal, state: ComplianceCaseState): ComplianceAppealDecided[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const decision = validCourtDecision(data);
  const outcome = requireOneOf(data.outcome, APPEAL_OUTCOMES, 'outcome');
  const supersedes = distinctTexts(data.supersedes ?? [], 'supersedes');
  requireNotInFuture(decision.decisionDate, 'decisionDate', metadata);
  requireNotBefore(decision.decisionDate, 'the appellate decision of', openingDecision(complianceCase).decisionDate);
  for (const caseNumber of decision.caseNumbers)
    if (decisionNamed(complianceCase, caseNumber) !== undefined) throw caseNumberAlreadyRecorded(caseNumber);
  if (outcome === 'upheld' && supersedes.length > 0) throw upheldSupersedesNothing();
  requireSupersedable(complianceCase, supersedes, decision.decisionDate);
  return [{
    type: 'ComplianceAppealDecided',
    schemaVersion: 1,
    data: { complianceCaseId: complianceCase.complianceCaseId, ...decision, outcome, supersedes },
  }];
};

export const addComplianceObligation = ({ data }: AddComplianceObligation, state: ComplianceCaseState): ComplianceObligationAdded[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const terms = validObligationTerms(data);
  if (obligationNamed(complianceCase, terms.obligationId) !== undefined) throw obligationAlreadyAdded(terms.obligationId);
  const { decisionDate } = requireDecision(complianceCase, terms.decision);
  requireSupersedable(complianceCase, terms.supersedes, decisionDate);
  if (terms.penaltyStartsOn !== undefined) requireNotBefore(terms.penaltyStartsOn, 'the penalty starting on', decisionDate);
  requireSamePenalty(complianceCase, { ...terms, orderedOn: decisionDate, measures: [], assessments: [] });
  return [{ type: 'ComplianceObligationAdded', schemaVersion: 2, data: { complianceCaseId: complianceCase.complianceCaseId, ...terms } }];
};

/** A shared penalty has one amount a day and one start: an obligation joining it must state the same. */
const requireSamePenalty = (complianceCase: OpenedComplianceCase, obligation: ComplianceObligation) => {
  const { penaltyId, scope } = penaltyGroupOf(complianceCase, obligation);
  if (scope === 'obligation') return;
  const sharing = complianceCase.obligations.find((other) => penaltyGroupOf(complianceCase, other).penaltyId === penaltyId);
  if (sharing !== undefined && (sharing.penaltyPerDayCents !== obligation.penaltyPerDayCents || sharing.penaltyStartsOn !== obligation.penaltyStartsOn))
    throw penaltyMismatch(penaltyId);
};

export const recordComplianceNotification = (
  { data, metadata }: RecordComplianceNotification,
  state: ComplianceCaseState,
): ComplianceDecisionNotified[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const decision = requireDecision(complianceCase, requireText(data.decision, 'decision'));
  const notifiedOn = requireDate(data.notifiedOn, 'notifiedOn');
  if (decision.notifiedOn !== undefined) throw decisionAlreadyNotified(data.decision, decision.notifiedOn);
  requireNotBefore(notifiedOn, 'the notification of', decision.decisionDate);
  requireNotInFuture(notifiedOn, 'notifiedOn', metadata);
  return [{
    type: 'ComplianceDecisionNotified',
    schemaVersion: 1,
    data: { complianceCaseId: complianceCase.complianceCaseId, decision: data.decision, notifiedOn },
  }];
};

/** A measure may be planned (effective later); the mandate may still be amended onto the territory, so only its existence is checked. */
export const linkComplianceMeasure = ({ data, mandate }: LinkComplianceMeasure, state: ComplianceCaseState): ComplianceMeasureLinked[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const obligation = requireObligation(complianceCase, data.obligationId);
  const mandateId = requireText(data.mandateId, 'mandateId');
  const effectiveFrom = requireDate(data.effectiveFrom, 'effectiveFrom');
  if (mandate === undefined || mandate.status === 'not_granted') throw mandateNotGranted(mandateId);
  if (obligation.measures.some((measure) => measure.mandateId === mandateId)) throw measureAlreadyLinked(mandateId, obligation.obligationId);
  requireNotBefore(effectiveFrom, 'a measure effective from', obligation.orderedOn);
  requireInForce(obligation, effectiveFrom);
  return [{
    type: 'ComplianceMeasureLinked',
    schemaVersion: 1,
    data: { complianceCaseId: complianceCase.complianceCaseId, obligationId: obligation.obligationId, mandateId, effectiveFrom },
  }];
};

export const attachComplianceEvidence = ({ data, metadata }: AttachComplianceEvidence, state: ComplianceCaseState): ComplianceEvidenceAttached[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const sha256 = requireSha256(data.sha256, 'sha256');
  const title = requireText(data.title, 'title');
  const documentDate = requireDate(data.documentDate, 'documentDate');
  requireNotInFuture(documentDate, 'documentDate', metadata);
  const obligationId = data.obligationId === undefined ? undefined : requireObligation(complianceCase, data.obligationId).obligationId;
  if (complianceCase.evidence.some((evidence) => evidence.sha256 === sha256)) throw evidenceAlreadyAttached(sha256);
  return [{
    type: 'ComplianceEvidenceAttached',
    schemaVersion: 1,
    data: { complianceCaseId: complianceCase.complianceCaseId, sha256, title, documentDate, ...(obligationId !== undefined && { obligationId }) },
  }];
};

export const recordComplianceConsultation = (
  { data, metadata }: RecordComplianceConsultation,
  state: ComplianceCaseState,
): ComplianceConsultationHeld[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const heldOn = requireDate(data.heldOn, 'heldOn');
  const parties = distinctTexts(data.parties, 'parties', { nonEmpty: true });
  const summary = requireText(data.summary, 'summary');
  requireNotBefore(heldOn, 'a consultation held on', openingDecision(complianceCase).decisionDate);
  requireNotInFuture(heldOn, 'heldOn', metadata);
  return [{ type: 'ComplianceConsultationHeld', schemaVersion: 1, data: { complianceCaseId: complianceCase.complianceCaseId, heldOn, parties, summary } }];
};

/** Assessments of an obligation follow one another in date order, each changing its standing. */
const assessable = (
  complianceCase: OpenedComplianceCase,
  obligationId: unknown,
  date: CalendarDate,
  field: string,
  kind: Assessment['kind'],
  metadata: CommandMetadata,
): ComplianceObligation => {
  const obligation = requireObligation(complianceCase, obligationId);
  requireNotBefore(date, field, obligation.orderedOn);
  requireNotInFuture(date, field, metadata);
  requireInForce(obligation, date);
  const last = obligation.assessments.at(-1);
  if (last !== undefined && isBefore(date, last.on)) throw effectiveDateOutOfOrder(date, last.on);
  if (last?.kind === kind)
    throw kind === 'satisfied' ? obligationAlreadySatisfied(obligation.obligationId) : obligationAlreadyContested(obligation.obligationId);
  return obligation;
};

export const markComplianceObligationSatisfied = (
  { data, metadata }: MarkComplianceObligationSatisfied,
  state: ComplianceCaseState,
): ComplianceObligationSatisfied[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const satisfiedOn = requireDate(data.satisfiedOn, 'satisfiedOn');
  const reason = requireText(data.reason, 'reason');
  const { obligationId } = assessable(complianceCase, data.obligationId, satisfiedOn, 'satisfiedOn', 'satisfied', metadata);
  return [{ type: 'ComplianceObligationSatisfied', schemaVersion: 1, data: { complianceCaseId: complianceCase.complianceCaseId, obligationId, satisfiedOn, reason } }];
};

export const markComplianceObligationContested = (
  { data, metadata }: MarkComplianceObligationContested,
  state: ComplianceCaseState,
): ComplianceObligationContested[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const contestedOn = requireDate(data.contestedOn, 'contestedOn');
  const contestedBy = requireText(data.contestedBy, 'contestedBy');
  const reason = requireText(data.reason, 'reason');
  const { obligationId } = assessable(complianceCase, data.obligationId, contestedOn, 'contestedOn', 'contested', metadata);
  return [{
    type: 'ComplianceObligationContested',
    schemaVersion: 1,
    data: { complianceCaseId: complianceCase.complianceCaseId, obligationId, contestedOn, contestedBy, reason },
  }];
};

const isWholeCents = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The judge's liquidation of the penalty the obligation runs under. It may cover only days the
 * penalty ran (from its start, up to the liquidation's own date), never days already liquidated,
 * and at most the amount a day times those days; the State's share is part of the amount.
 */
export const liquidateCompliancePenalty = ({ data, metadata }: LiquidateCompliancePenalty, state: ComplianceCaseState): CompliancePenaltyLiquidated[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const obligation = requireObligation(complianceCase, data.obligationId);
  const decisionReference = requireText(data.decisionReference, 'decisionReference');
  const liquidatedOn = requireDate(data.liquidatedOn, 'liquidatedOn');
  if (data.period === null || typeof data.period !== 'object') throw invalidField('period', 'an object');
  const period: DateInterval = { from: requireDate(data.period.from, 'period.from'), to: requireDate(data.period.to, 'period.to') };
  if (isBefore(period.to, period.from)) throw invalidPeriod('period', period.from, period.to);
  const { amountCents, stateShareCents, moderation } = data;
  if (!isWholeCents(amountCents)) throw invalidAmount('amountCents');
  if (!isWholeCents(stateShareCents)) throw invalidAmount('stateShareCents');
  if (stateShareCents > amountCents) throw stateShareExceedsAmount(stateShareCents, amountCents);
  if (moderation !== undefined) requireText(moderation, 'moderation');
  requireNotInFuture(liquidatedOn, 'liquidatedOn', metadata);
  if (isAfter(period.to, liquidatedOn)) throw daysAfterLiquidation(period.to, liquidatedOn);

  if (obligation.penaltyPerDayCents === 0) throw noPenaltyOrdered(obligation.obligationId);
  const { penaltyId } = penaltyGroupOf(complianceCase, obligation);
  const group = complianceCase.obligations.filter((other) => penaltyGroupOf(complianceCase, other).penaltyId === penaltyId);
  const starts = group.map((other) => penaltyStartOf(complianceCase, other)).filter((start): start is CalendarDate => start !== undefined);
  const start = starts.reduce<CalendarDate | undefined>((first, date) => (first === undefined || isBefore(date, first) ? date : first), undefined);
  if (start === undefined || isBefore(period.from, start)) throw penaltyNotRunning(period.from, start);
  const maximum = obligation.penaltyPerDayCents * daysIn(period);
  if (amountCents > maximum) throw liquidationExceedsPenalty(amountCents, maximum);
  const groupIds = new Set(group.map(({ obligationId }) => obligationId));
  const earlier = complianceCase.liquidations.find((liquidation) => groupIds.has(liquidation.obligationId) && overlaps(liquidation.period, period));
  if (earlier !== undefined) throw daysAlreadyLiquidated(penaltyId, earlier.period.from, earlier.period.to);
  return [{
    type: 'CompliancePenaltyLiquidated',
    schemaVersion: 1,
    data: {
      complianceCaseId: complianceCase.complianceCaseId,
      obligationId: obligation.obligationId,
      decisionReference,
      liquidatedOn,
      period,
      amountCents,
      stateShareCents,
      ...(moderation !== undefined && { moderation }),
    },
  }];
};

/** A consultation or a written review a decision of the case asks for, due no earlier than that decision. */
export const requestComplianceReview = ({ data }: RequestComplianceReview, state: ComplianceCaseState): ComplianceReviewRequested[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const reviewId = requireText(data.reviewId, 'reviewId');
  const kind = requireOneOf(data.kind, REVIEW_KINDS, 'kind');
  const decision = requireDecision(complianceCase, requireText(data.decision, 'decision'));
  const dueOn = requireDate(data.dueOn, 'dueOn');
  const subject = requireText(data.subject, 'subject');
  const obligationIds = distinctTexts(data.obligationIds ?? [], 'obligationIds').map((id) => requireObligation(complianceCase, id).obligationId);
  if (complianceCase.reviews.some((review) => review.reviewId === reviewId)) throw reviewAlreadyRequested(reviewId);
  requireNotBefore(dueOn, 'a review due on', decision.decisionDate);
  return [{
    type: 'ComplianceReviewRequested',
    schemaVersion: 1,
    data: { complianceCaseId: complianceCase.complianceCaseId, reviewId, kind, decision: data.decision, dueOn, subject, obligationIds },
  }];
};

export const closeComplianceCase = ({ data, metadata }: CloseComplianceCase, state: ComplianceCaseState): ComplianceCaseClosed[] => {
  const complianceCase = requireOpen(state, data.complianceCaseId);
  const closedOn = requireDate(data.closedOn, 'closedOn');
  const reason = requireText(data.reason, 'reason');
  const lastDecision = complianceCase.decisions.map(({ decisionDate }) => decisionDate).reduce((a, b) => (isAfter(b, a) ? b : a));
  requireNotBefore(closedOn, 'the closure on', lastDecision);
  requireNotInFuture(closedOn, 'closedOn', metadata);
  return [{ type: 'ComplianceCaseClosed', schemaVersion: 1, data: { complianceCaseId: complianceCase.complianceCaseId, closedOn, reason } }];
};

const decideCommand = (command: ComplianceCaseCommand, state: ComplianceCaseState): ComplianceCaseEvent[] => {
  switch (command.type) {
    case 'OpenComplianceCase':
      return openComplianceCase(command, state);
    case 'RecordComplianceAppeal':
      return recordComplianceAppeal(command, state);
    case 'AddComplianceObligation':
      return addComplianceObligation(command, state);
    case 'RecordComplianceNotification':
      return recordComplianceNotification(command, state);
    case 'LinkComplianceMeasure':
      return linkComplianceMeasure(command, state);
    case 'AttachComplianceEvidence':
      return attachComplianceEvidence(command, state);
    case 'RecordComplianceConsultation':
      return recordComplianceConsultation(command, state);
    case 'MarkComplianceObligationSatisfied':
      return markComplianceObligationSatisfied(command, state);
    case 'MarkComplianceObligationContested':
      return markComplianceObligationContested(command, state);
    case 'LiquidateCompliancePenalty':
      return liquidateCompliancePenalty(command, state);
    case 'RequestComplianceReview':
      return requestComplianceReview(command, state);
    case 'CloseComplianceCase':
      return closeComplianceCase(command, state);
  }
};

const supersede = (obligations: readonly ComplianceObligation[], ids: readonly string[], supersession: Supersession) =>
  obligations.map((obligation) => (ids.includes(obligation.obligationId) ? { ...obligation, supersededBy: supersession } : obligation));

const onObligation = (
  complianceCase: OpenedComplianceCase,
  obligationId: string,
  change: (obligation: ComplianceObligation) => ComplianceObligation,
): OpenedComplianceCase => ({
  ...complianceCase,
  obligations: complianceCase.obligations.map((obligation) => (obligation.obligationId === obligationId ? change(obligation) : obligation)),
});

const evolveOpened = (complianceCase: OpenedComplianceCase, event: Exclude<ComplianceCaseEvent, ComplianceCaseOpened>): OpenedComplianceCase => {
  switch (event.type) {
    case 'ComplianceAppealDecided': {
      const { court, caseNumbers, decisionDate, outcome, supersedes } = event.data;
      return {
        ...complianceCase,
        decisions: [...complianceCase.decisions, { kind: 'appeal', court, caseNumbers, decisionDate, outcome, supersedes }],
        obligations: supersede(complianceCase.obligations, supersedes, { on: decisionDate, decision: caseNumbers[0] }),
      };
    }
    case 'ComplianceObligationAdded': {
      const { complianceCaseId: _, ...terms } = event.data;
      const orderedOn = decisionNamed(complianceCase, terms.decision)?.decisionDate ?? complianceCase.decisions[0].decisionDate;
      const supersession = { on: orderedOn, decision: terms.decision, obligationId: terms.obligationId };
      return {
        ...complianceCase,
        obligations: [...supersede(complianceCase.obligations, terms.supersedes, supersession), { ...terms, orderedOn, measures: [], assessments: [] }],
      };
    }
    case 'ComplianceDecisionNotified': {
      const { decision, notifiedOn } = event.data;
      return {
        ...complianceCase,
        decisions: complianceCase.decisions.map((record) => (record.caseNumbers.includes(decision) ? { ...record, notifiedOn } : record)),
      };
    }
    case 'ComplianceMeasureLinked': {
      const { obligationId, mandateId, effectiveFrom } = event.data;
      return onObligation(complianceCase, obligationId, (obligation) => ({ ...obligation, measures: [...obligation.measures, { mandateId, effectiveFrom }] }));
    }
    case 'ComplianceEvidenceAttached': {
      const { complianceCaseId: _, ...evidence } = event.data;
      return { ...complianceCase, evidence: [...complianceCase.evidence, evidence] };
    }
    case 'ComplianceConsultationHeld': {
      const { heldOn, parties, summary } = event.data;
      return { ...complianceCase, consultations: [...complianceCase.consultations, { heldOn, parties, summary }] };
    }
    case 'ComplianceObligationSatisfied': {
      const { obligationId, satisfiedOn: on, reason } = event.data;
      return onObligation(complianceCase, obligationId, (obligation) => ({
        ...obligation,
        assessments: [...obligation.assessments, { kind: 'satisfied', on, reason }],
      }));
    }
    case 'ComplianceObligationContested': {
      const { obligationId, contestedOn: on, contestedBy: by, reason } = event.data;
      return onObligation(complianceCase, obligationId, (obligation) => ({
        ...obligation,
        assessments: [...obligation.assessments, { kind: 'contested', on, by, reason }],
      }));
    }
    case 'CompliancePenaltyLiquidated': {
      const { complianceCaseId: _, ...liquidation } = event.data;
      return { ...complianceCase, liquidations: [...complianceCase.liquidations, liquidation] };
    }
    case 'ComplianceReviewRequested': {
      const { complianceCaseId: _, ...review } = event.data;
      const requestedOn = decisionNamed(complianceCase, review.decision)?.decisionDate ?? complianceCase.decisions[0].decisionDate;
      return { ...complianceCase, reviews: [...complianceCase.reviews, { ...review, requestedOn }] };
    }
    case 'ComplianceCaseClosed':
      return { ...complianceCase, status: 'closed', closedOn: event.data.closedOn, closureReason: event.data.reason };
    case 'ComplianceReportIssued':
      // Issued on the case's stream before reports had their own: the case is not changed by it.
      return complianceCase;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

export const evolve = (state: ComplianceCaseState, event: ComplianceCaseEvent): ComplianceCaseState => {
  if (event.type === 'ComplianceCaseOpened') {
    const { complianceCaseId, court, caseNumbers, decisionDate, procedure, parties } = event.data;
    return {
      status: 'open', complianceCaseId, procedure, parties,
      decisions: [{ kind: 'opening', court, caseNumbers, decisionDate }],
      obligations: [], evidence: [], consultations: [], liquidations: [], reviews: [],
    };
  }
  return state.status === 'not_opened' ? state : evolveOpened(state, event);
};

export const initialState = (): ComplianceCaseState => ({ status: 'not_opened' });

export const complianceCaseDecider: Decider<ComplianceCaseCommand, ComplianceCaseEvent, ComplianceCaseState> = {
  decide: decideCommand,
  evolve,
  initialState,
};
export const decide = complianceCaseDecider.decide;
