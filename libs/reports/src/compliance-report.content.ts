import {
  type Addressee,
  type AppealOutcome,
  type CalendarDate,
  type CaseParties,
  type ComplianceCaseEvent,
  complianceCaseDecider,
  complianceCaseStreamName,
  type ComplianceObligation,
  complianceCoverage,
  type CoverageMandate,
  coverageMandateOf,
  type DateInterval,
  DomainError,
  fold,
  type InstrumentKind,
  invalidPeriod,
  isAfter,
  isBefore,
  mandateDecider,
  type MandateEvent,
  type MandateId,
  mandateStreamName,
  type MissionType,
  type ObligationCoverage,
  type ObligationStatus,
  type OpenedComplianceCase,
  operatorDecider,
  type OperatorEvent,
  operatorStreamName,
  type PenaltyExposure,
  type Procedure,
  type ReviewKind,
  type Territory,
  upcastDomainEvent,
  utcDateOf,
} from '@mandate-ledger/domain';

// The report's content, computed from events alone: the API renders it (JSON, CSV, PDF) and the
// offline verifier recomputes it from a bundle's events and compares. Pure: the domain, nothing else.

/** The `format` member of a report's content, beside the bundle's own. */
export const COMPLIANCE_REPORT_FORMAT = 'mandate-ledger/compliance-report';
/**
 * 2: figures from the day-by-day series (days late, gaps, penalties as the order sets them, indicators by kind).
 * 3: the parties, and each linked mandate's operator by name (its stream is cited too).
 */
export const COMPLIANCE_REPORT_VERSION = 3;

/** An event as the report reads it: a stored event, or the envelope of a bundle's event. */
export interface ReportEvent {
  readonly stream: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  /** ISO 8601 instant the store recorded it: compared with `asKnownAt`. */
  readonly recordedAt: string;
}

export interface DecisionHeader {
  readonly kind: 'opening' | 'appeal';
  readonly court: string;
  readonly caseNumbers: readonly string[];
  readonly decisionDate: CalendarDate;
  readonly notifiedOn: CalendarDate | null;
  readonly outcome: AppealOutcome | null;
  readonly supersedes: readonly string[];
}

/** The case as a clerk heads the report with it. */
export interface CaseHeader {
  readonly status: 'open' | 'closed';
  readonly procedure: Procedure;
  readonly parties: CaseParties;
  /** The opening decision first, then the appellate ones. */
  readonly decisions: readonly DecisionHeader[];
  readonly closedOn: CalendarDate | null;
  readonly closureReason: string | null;
  readonly evidence: readonly { readonly sha256: string; readonly title: string; readonly documentDate: CalendarDate; readonly obligationId: string | null }[];
  readonly consultations: readonly { readonly heldOn: CalendarDate; readonly parties: readonly string[]; readonly summary: string }[];
  /** The consultations and reviews its decisions asked for, in the order asked. */
  readonly reviews: readonly {
    readonly reviewId: string;
    readonly kind: ReviewKind;
    readonly decision: string;
    readonly requestedOn: CalendarDate;
    readonly dueOn: CalendarDate;
    readonly subject: string;
    readonly obligationIds: readonly string[];
  }[];
}

/** One obligation: its terms as the decision words them, the counting rule in French, then every coverage figure. */
export interface ObligationReport extends ObligationCoverage {
  readonly decision: string;
  readonly text: string;
  readonly addressees: readonly Addressee[];
  readonly orderedOn: CalendarDate;
  readonly deadlineDays: number;
  /** `délai de 10 jours à compter de la notification ; …`: how its days were counted, as the court reads it. */
  readonly countingRule: string;
}

/** A linked mandate, as the timeline labels its bar. */
export interface MandateSummary {
  readonly mandateId: MandateId;
  readonly operatorId: string;
  /** As the operator's stream tells it at `asKnownAt`; null if it holds no registration then. */
  readonly operatorName: string | null;
  readonly authority: string;
  readonly instrument: { readonly kind: InstrumentKind; readonly reference: string; readonly decisionDate: CalendarDate };
  readonly period: { readonly start: CalendarDate; readonly end: CalendarDate };
  readonly missions: readonly MissionType[];
  readonly territory: Territory;
  /** What the record holds (granted, terminated, completed), not the status on a date. */
  readonly recordStatus: 'granted' | 'terminated' | 'completed';
}

/** The report's figures: what every format shows and what a verifier recomputes. */
export interface ComplianceReportContent {
  readonly format: typeof COMPLIANCE_REPORT_FORMAT;
  readonly version: typeof COMPLIANCE_REPORT_VERSION;
  readonly complianceCaseId: string;
  /** Effective dates, both included. */
  readonly period: DateInterval;
  /** Only events recorded up to this instant count. */
  readonly asKnownAt: string;
  readonly case: CaseHeader;
  /** In the order they were added; those ordered after `period.to` are left out. */
  readonly obligations: readonly ObligationReport[];
  /** In the order they were first linked. */
  readonly mandates: readonly MandateSummary[];
  /** Each penalty the order sets (an obligation's, an article's, the decision's) with the days it ran and its liquidations. */
  readonly penalties: readonly PenaltyExposure[];
  readonly totals: {
    /** Astreinte encourue (montant maximal, avant liquidation): the penalties' days × their amounts a day. */
    readonly penaltyExposureCents: number;
    readonly liquidatedCents: number;
    readonly stateShareCents: number;
    readonly byStatus: Readonly<Record<ObligationStatus, number>>;
  };
}

/** What the caller asks for: dates it left out take their defaults ({@link resolvePeriod}). */
export interface ReportRequest {
  readonly complianceCaseId: string;
  readonly from?: CalendarDate;
  readonly to?: CalendarDate;
  readonly asKnownAt: string;
}

export const reportNotFound = (id: string, asKnownAt: string) =>
  new DomainError('COMPLIANCE_CASE_NOT_FOUND', `No compliance case ${id} as known at ${asKnownAt}`, 'not_found');

/** The events recorded up to `asKnownAt` (an instant), in their order. */
export const knownAt = <Event extends { readonly recordedAt: string }>(events: readonly Event[], asKnownAt: string): Event[] => {
  const limit = Date.parse(asKnownAt);
  return events.filter((event) => Date.parse(event.recordedAt) <= limit);
};

// The report reads the stored form (what the bundle cites and proves): lifted here to the latest shapes.
const domainEvents = <Event>(events: readonly ReportEvent[]): Event[] =>
  events.map(({ type, schemaVersion, data }) => upcastDomainEvent({ type, schemaVersion, data }) as Event);

/** The case as its events (already filtered) tell it; undefined when they hold no opening. */
export const complianceCaseOf = (events: readonly ReportEvent[]): OpenedComplianceCase | undefined => {
  const state = fold(complianceCaseDecider, domainEvents<ComplianceCaseEvent>(events));
  return state.status === 'not_opened' ? undefined : state;
};

/** Every mandate linked to an obligation of the case, in the order first linked. */
export const linkedMandateIds = (complianceCase: OpenedComplianceCase): MandateId[] => [
  ...new Set(complianceCase.obligations.flatMap(({ measures }) => measures.map(({ mandateId }) => mandateId))),
];

/**
 * The period asked for, or its defaults: from the opening decision's date, to the date of
 * `asKnownAt` (UTC): the whole life of the case as the record then stood.
 */
export const resolvePeriod = (complianceCase: OpenedComplianceCase, request: Pick<ReportRequest, 'from' | 'to' | 'asKnownAt'>): DateInterval => {
  const from = request.from ?? complianceCase.decisions[0].decisionDate;
  const to = request.to ?? utcDateOf(request.asKnownAt);
  if (isBefore(to, from)) throw invalidPeriod('the report period', from, to);
  return { from, to };
};

const decisionHeaders = (complianceCase: OpenedComplianceCase): DecisionHeader[] =>
  complianceCase.decisions.map((decision) => ({
    kind: decision.kind,
    court: decision.court,
    caseNumbers: decision.caseNumbers,
    decisionDate: decision.decisionDate,
    notifiedOn: decision.notifiedOn ?? null,
    outcome: decision.kind === 'appeal' ? decision.outcome : null,
    supersedes: decision.kind === 'appeal' ? decision.supersedes : [],
  }));

const caseHeader = (complianceCase: OpenedComplianceCase): CaseHeader => ({
  status: complianceCase.status,
  procedure: complianceCase.procedure,
  parties: complianceCase.parties,
  decisions: decisionHeaders(complianceCase),
  closedOn: complianceCase.status === 'closed' ? complianceCase.closedOn : null,
  closureReason: complianceCase.status === 'closed' ? complianceCase.closureReason : null,
  evidence: complianceCase.evidence.map(({ sha256, title, documentDate, obligationId }) => ({ sha256, title, documentDate, obligationId: obligationId ?? null })),
  consultations: complianceCase.consultations.map(({ heldOn, parties, summary }) => ({ heldOn, parties, summary })),
  reviews: complianceCase.reviews.map(({ reviewId, kind, decision, requestedOn, dueOn, subject, obligationIds }) => ({
    reviewId, kind, decision, requestedOn, dueOn, subject, obligationIds,
  })),
});

/** The operator's name as its events tell it, null without a registration. */
const operatorNameOf = (events: readonly ReportEvent[]): string | null => {
  const operator = fold(operatorDecider, domainEvents<OperatorEvent>(events));
  return operator.status === 'unregistered' ? null : operator.details.name;
};

const mandateSummary = (mandateId: MandateId, events: readonly ReportEvent[], operatorEvents: ReadonlyMap<string, readonly ReportEvent[]>): MandateSummary | undefined => {
  const mandate = fold(mandateDecider, domainEvents<MandateEvent>(events));
  if (mandate.status === 'not_granted') return undefined;
  const latest = mandate.terms[mandate.terms.length - 1];
  return {
    mandateId,
    operatorId: mandate.operatorId,
    operatorName: operatorNameOf(operatorEvents.get(mandate.operatorId) ?? []),
    authority: mandate.authority.name,
    instrument: { kind: mandate.instrument.kind, reference: mandate.instrument.reference, decisionDate: mandate.instrument.decisionDate },
    period: { start: mandate.period.start, end: mandate.period.end },
    missions: latest.missions.map(({ type }) => type),
    territory: latest.territory,
    recordStatus: mandate.status,
  };
};

const frDate = (date: CalendarDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** The counting rule of `libs/domain` `complianceCoverage`, in the words a court uses. */
export const countingRuleOf = ({ deadlineDays, penaltyStartsOn }: Pick<ComplianceObligation, 'deadlineDays' | 'penaltyStartsOn'>): string =>
  `délai de ${deadlineDays} ${deadlineDays > 1 ? 'jours' : 'jour'} à compter de la notification ; le jour de la notification ne compte pas ; ` +
  (penaltyStartsOn === undefined
    ? "l'astreinte court à compter du lendemain de l'échéance"
    : `l'astreinte court à compter du ${frDate(penaltyStartsOn)}, date fixée par la décision`);

const obligationReport = (obligation: ComplianceObligation, coverage: ObligationCoverage): ObligationReport => ({
  ...coverage,
  decision: obligation.decision,
  text: obligation.text,
  addressees: obligation.addressees,
  orderedOn: obligation.orderedOn,
  deadlineDays: obligation.deadlineDays,
  countingRule: countingRuleOf(obligation),
});

const STATUSES: readonly ObligationStatus[] = ['not_started', 'in_progress', 'implemented', 'implemented_late', 'lapsed', 'contested', 'superseded'];

/** Inputs of {@link complianceReportOf}: every event already filtered on `asKnownAt`. */
export interface ReportInput {
  readonly complianceCase: OpenedComplianceCase;
  /** The events of every linked mandate, by id. */
  readonly mandateEvents: ReadonlyMap<MandateId, readonly ReportEvent[]>;
  /** The events of the operators of those mandates, by operator id. */
  readonly operatorEvents: ReadonlyMap<string, readonly ReportEvent[]>;
  readonly period: DateInterval;
  readonly asKnownAt: string;
}

/**
 * The report's content from the case and its linked mandates, as known at `asKnownAt`. Refuses
 * (`LINKED_MANDATE_MISSING`) a linked mandate whose events hold no grant: its coverage cannot be told.
 */
export const complianceReportOf = ({ complianceCase, mandateEvents, operatorEvents, period, asKnownAt }: ReportInput): ComplianceReportContent => {
  const ids = linkedMandateIds(complianceCase);
  const summaries: MandateSummary[] = [];
  const coverageMandates: CoverageMandate[] = [];
  for (const mandateId of ids) {
    const events = mandateEvents.get(mandateId) ?? [];
    const summary = mandateSummary(mandateId, events, operatorEvents);
    const coverage = coverageMandateOf(domainEvents<MandateEvent>(events));
    if (summary === undefined || coverage === undefined) {
      throw new DomainError('LINKED_MANDATE_MISSING', `Mandate ${mandateId} is linked to the case but no grant of it is known at ${asKnownAt}`);
    }
    summaries.push(summary);
    coverageMandates.push(coverage);
  }
  const coverage = complianceCoverage({ complianceCase, mandates: coverageMandates, period });
  const obligations = coverage.obligations.map((figures) =>
    obligationReport(complianceCase.obligations.find(({ obligationId }) => obligationId === figures.obligationId)!, figures),
  );
  const byStatus = Object.fromEntries(STATUSES.map((status) => [status, obligations.filter((o) => o.status === status).length])) as Record<ObligationStatus, number>;
  return {
    format: COMPLIANCE_REPORT_FORMAT,
    version: COMPLIANCE_REPORT_VERSION,
    complianceCaseId: complianceCase.complianceCaseId,
    period: coverage.period,
    asKnownAt,
    case: caseHeader(complianceCase),
    obligations,
    mandates: summaries,
    penalties: coverage.penalties,
    totals: {
      penaltyExposureCents: coverage.penalties.reduce((sum, p) => sum + p.incurredCents, 0),
      liquidatedCents: coverage.penalties.reduce((sum, p) => sum + p.liquidatedCents, 0),
      stateShareCents: coverage.penalties.reduce((sum, p) => sum + p.stateShareCents, 0),
      byStatus,
    },
  };
};

/**
 * The report's content from a flat list of events (a bundle's): the case stream and every linked
 * mandate's stream, filtered on `asKnownAt` first. What the offline verifier recomputes.
 */
export const complianceReportFromEvents = (
  events: readonly ReportEvent[],
  { complianceCaseId, period, asKnownAt }: { complianceCaseId: string; period: DateInterval; asKnownAt: string },
): ComplianceReportContent => {
  const known = knownAt(events, asKnownAt);
  const byStream = new Map<string, ReportEvent[]>();
  for (const event of known) byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event]);
  const complianceCase = complianceCaseOf(byStream.get(complianceCaseStreamName(complianceCaseId)) ?? []);
  if (complianceCase === undefined) throw reportNotFound(complianceCaseId, asKnownAt);
  const mandateEvents = new Map(linkedMandateIds(complianceCase).map((id) => [id, byStream.get(mandateStreamName(id)) ?? []]));
  const operatorEvents = new Map(operatorIdsOf(mandateEvents).map((id) => [id, byStream.get(operatorStreamName(id)) ?? []]));
  return complianceReportOf({ complianceCase, mandateEvents, operatorEvents, period, asKnownAt });
};

/** The operators of the mandates (each once, in the order of their mandates), from the mandates' events. */
export const operatorIdsOf = (mandateEvents: ReadonlyMap<MandateId, readonly ReportEvent[]>): string[] => [
  ...new Set(
    [...mandateEvents.values()].flatMap((events) => {
      const mandate = fold(mandateDecider, domainEvents<MandateEvent>(events));
      return mandate.status === 'not_granted' ? [] : [mandate.operatorId];
    }),
  ),
];

/** Streams a report relies on: the case's, each linked mandate's, then each of their operators'. */
export const reportStreams = (complianceCase: OpenedComplianceCase, operatorIds: readonly string[]): string[] => [
  complianceCaseStreamName(complianceCase.complianceCaseId),
  ...linkedMandateIds(complianceCase).map(mandateStreamName),
  ...operatorIds.map(operatorStreamName),
];

/** Whether `to` lies after the UTC date of `now`: the decider refuses to issue such a report. */
export const endsInFuture = (period: DateInterval, now: string): boolean => isAfter(period.to, utcDateOf(now));
