import {
  complianceCaseDecider,
  type ComplianceCaseCommand,
  type ComplianceCaseState,
  complianceCaseStreamName,
  mandateDecider,
  type MandateState,
  mandateStreamName,
  type OpenedComplianceCase,
} from '@mandate-ledger/domain';
import { type EventStore, foldStream } from '@mandate-ledger/event-store';
import { assertCaseStaysReadableToOpener, assertMayRecordCases, assertMayRecordOnCase, type CaseReader, departementsOf } from './access-policy';
import type { Aggregate, UseCase, UseCases } from './use-case';

export const complianceCaseAggregate: Aggregate<ComplianceCaseState, OpenedComplianceCase> = {
  decider: complianceCaseDecider,
  target: (command) => {
    const { complianceCaseId } = command.data as { complianceCaseId: string };
    return { id: complianceCaseId, stream: complianceCaseStreamName(complianceCaseId) };
  },
  exists: (state): state is OpenedComplianceCase => state.status !== 'not_opened',
};

/** Who opened the case, as its first event's metadata records them; the opening never changes, so it is read apart. */
const openerOf = async (complianceCaseId: string, store: EventStore): Promise<CaseReader | undefined> => {
  const [opening] = await store.readStream(complianceCaseStreamName(complianceCaseId), { maxCount: 1 });
  if (!opening) return undefined;
  const { actor, actorDepartements } = opening.metadata;
  const departements = Array.isArray(actorDepartements) ? actorDepartements.filter((d): d is string => typeof d === 'string') : undefined;
  return { role: actor.role, departements };
};

/**
 * A write on a case: the role first, so that an auditor learns nothing of which cases exist; then
 * an officer needs every département the case concerns.
 */
const recorded = <Type extends ComplianceCaseCommand['type']>(): UseCase<Type, OpenedComplianceCase> => ({
  allow: (actor) => assertMayRecordCases(actor),
  authorize: (actor, complianceCase) => assertMayRecordOnCase(actor, complianceCase),
});

export const COMPLIANCE_CASE_USE_CASES: UseCases<ComplianceCaseCommand['type'], OpenedComplianceCase> = {
  OpenComplianceCase: recorded(),
  RecordComplianceAppeal: recorded(),
  AddComplianceObligation: {
    allow: (actor) => assertMayRecordCases(actor),
    read: ({ data }, store) => openerOf(data.complianceCaseId, store),
    // The case then concerns the obligation's territory too: the officer must hold it, and whoever opened the case still read it.
    authorize: (actor, complianceCase, { data }, opener: CaseReader | undefined) => {
      assertMayRecordOnCase(actor, complianceCase, [data.territory.departement]);
      assertCaseStaysReadableToOpener(opener, complianceCase, data.territory.departement);
    },
  },
  RecordComplianceNotification: recorded(),
  LinkComplianceMeasure: {
    allow: (actor) => assertMayRecordCases(actor),
    read: async ({ data }, store): Promise<MandateState> => foldStream(mandateDecider, await store.readStream(mandateStreamName(data.mandateId))),
    given: (mandate: MandateState) => ({ mandate: { status: mandate.status } }),
    // The officer must hold the mandate's départements as well as the case's; a mandate never granted is the decider's to refuse.
    authorize: (actor, complianceCase, _command, mandate: MandateState) =>
      assertMayRecordOnCase(actor, complianceCase, mandate.status === 'not_granted' ? [] : [...departementsOf(mandate)]),
  },
  AttachComplianceEvidence: recorded(),
  RecordComplianceConsultation: recorded(),
  MarkComplianceObligationSatisfied: recorded(),
  MarkComplianceObligationContested: recorded(),
  LiquidateCompliancePenalty: recorded(),
  RequestComplianceReview: recorded(),
  CloseComplianceCase: recorded(),
};
