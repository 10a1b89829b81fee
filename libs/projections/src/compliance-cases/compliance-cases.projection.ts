import {
  type ComplianceCaseEvent,
  complianceCaseDecider,
  type ComplianceObligation,
  deadlineOf,
  type OpenedComplianceCase,
} from '@mandate-ledger/domain';
import type { StoredEvent } from '@mandate-ledger/event-store';
import { latestDomainEvent } from '../latest-event';
import { type Projection, ProjectionError } from '../projection';

const STREAM_PREFIX = 'compliance_case-';

const CASE_EVENTS = new Set<string>([
  'ComplianceCaseOpened',
  'ComplianceAppealDecided',
  'ComplianceObligationAdded',
  'ComplianceDecisionNotified',
  'ComplianceMeasureLinked',
  'ComplianceEvidenceAttached',
  'ComplianceConsultationHeld',
  'ComplianceObligationSatisfied',
  'ComplianceObligationContested',
  'CompliancePenaltyLiquidated',
  'ComplianceReviewRequested',
  'ComplianceCaseClosed',
  'ComplianceReportIssued',
]);

export const complianceCaseIdOf = (event: Pick<StoredEvent, 'stream'>): string | undefined =>
  event.stream.startsWith(STREAM_PREFIX) ? event.stream.slice(STREAM_PREFIX.length) : undefined;

/**
 * The recorded standing of an obligation, as the case's own decisions say (no mandate is read):
 * `superseded` once a later decision replaces it, else the last satisfaction or contestation, else
 * `ordered`. Whether linked mandates actually covered it is the coverage computation's to say.
 */
export type ObligationStanding = 'ordered' | 'satisfied' | 'contested' | 'superseded';

export const standingOf = (obligation: ComplianceObligation): ObligationStanding => {
  if (obligation.supersededBy !== undefined) return 'superseded';
  const last = obligation.assessments.at(-1);
  return last === undefined ? 'ordered' : last.kind;
};

/**
 * The compliance cases index: one row per case with the domain's own state. Child rows make
 * obligations (mission type, département, deadline once notified, standing) and linked measures
 * (by mandate) filterable: the cases of an officer's départements, the obligations whose deadline
 * has passed, the cases a mandate implements. The coverage itself (days in effect, gaps, delay) is
 * computed from the events by the domain's `complianceCoverage`, for a period and an instant.
 */
export const complianceCasesProjection: Projection<OpenedComplianceCase> = {
  name: 'compliance_cases',
  // 2: obligations one-off or continuing, with their penalty's scope; liquidations and reviews requested.
  version: 2,
  history: 'current',

  keysOf: (event) => {
    const id = complianceCaseIdOf(event);
    return id === undefined ? [] : [id];
  },

  evolve: (complianceCase, event) => {
    if (!CASE_EVENTS.has(event.type)) throw new ProjectionError(`The compliance cases index does not know the event type ${event.type}`);
    const domainEvent = latestDomainEvent<ComplianceCaseEvent>(event, 'The compliance cases index');
    if (event.type === 'ComplianceCaseOpened' && complianceCase !== undefined) throw new ProjectionError(`Compliance case ${complianceCaseIdOf(event)} opened twice`);
    if (event.type !== 'ComplianceCaseOpened' && complianceCase === undefined) {
      throw new ProjectionError(`${event.type} for compliance case ${complianceCaseIdOf(event)}, never opened`);
    }
    const next = complianceCaseDecider.evolve(complianceCase ?? complianceCaseDecider.initialState(), domainEvent);
    if (next.status === 'not_opened') throw new ProjectionError(`${event.type} left compliance case ${complianceCaseIdOf(event)} unopened`);
    return next;
  },

  columns: { status: 'text', court: 'text', decided_on: 'date' },
  columnsOf: (complianceCase) => {
    const [opening] = complianceCase.decisions;
    return { status: complianceCase.status, court: opening.court, decided_on: opening.decisionDate };
  },
  indexes: [['status'], ['decided_on']],

  children: {
    obligations: {
      columns: { obligation_id: 'text', mission_type: 'text', departement: 'text', deadline: 'date', standing: 'text' },
      indexes: [['departement'], ['deadline']],
      rowsOf: (complianceCase) =>
        complianceCase.obligations.map((obligation) => ({
          obligation_id: obligation.obligationId,
          mission_type: obligation.missionType,
          departement: obligation.territory.departement,
          deadline: deadlineOf(complianceCase, obligation)?.deadline ?? null,
          standing: standingOf(obligation),
        })),
    },
    measures: {
      columns: { mandate_id: 'text', obligation_id: 'text', effective_from: 'date' },
      indexes: [['mandate_id']],
      rowsOf: (complianceCase) =>
        complianceCase.obligations.flatMap((obligation) =>
          obligation.measures.map((measure) => ({ mandate_id: measure.mandateId, obligation_id: obligation.obligationId, effective_from: measure.effectiveFrom })),
        ),
    },
  },
};
