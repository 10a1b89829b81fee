import {
  createMandateDecider,
  type GrantedMandate,
  type MandateCommand,
  type MandateState,
  mandateStreamName,
  operatorDecider,
  type OperatorState,
  operatorStreamName,
} from '@mandate-ledger/domain';
import { foldStream } from '@mandate-ledger/event-store';
import { assertMayAmendTerritory, assertMayDecideOn, assertMayRecordIn, assertMayReportOn } from './access-policy';
import type { Aggregate, UseCases } from './use-case';

export const mandateAggregate = (writtenAgreementThresholdCents: number): Aggregate<MandateState, GrantedMandate> => ({
  decider: createMandateDecider({ writtenAgreementThresholdCents }),
  target: (command) => {
    const { mandateId } = command.data as { mandateId: string };
    return { id: mandateId, stream: mandateStreamName(mandateId) };
  },
  exists: (state): state is GrantedMandate => state.status !== 'not_granted',
});

const decidedOn = { authorize: assertMayDecideOn };
const reportedOn = { authorize: assertMayReportOn };

export const MANDATE_USE_CASES: UseCases<MandateCommand['type'], GrantedMandate> = {
  GrantMandate: {
    allow: (actor, { data }) => assertMayRecordIn(actor, [data.territory.departement, data.authority.departement], 'This mandate'),
    read: async ({ data }, store): Promise<OperatorState> => foldStream(operatorDecider, await store.readStream(operatorStreamName(data.operatorId))),
    given: (operator: OperatorState) => ({ operator: { status: operator.status } }),
    // A mandate already granted under this id (a replay of this grant) is checked as it was recorded.
    authorize: assertMayDecideOn,
  },
  AmendMandate: {
    authorize: (actor, mandate, { data }) => {
      const territory = data.changes.territory;
      if (territory) assertMayAmendTerritory(actor, mandate, territory.departement);
      else assertMayDecideOn(actor, mandate);
    },
  },
  RenewMandate: decidedOn,
  SuspendMandate: decidedOn,
  ReinstateMandate: decidedOn,
  TerminateMandate: decidedOn,
  ReportMandateActivity: reportedOn,
  CompleteMandateMission: reportedOn,
};
