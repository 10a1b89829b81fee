import {
  createMandateDecider,
  type GrantedMandate,
  type InstrumentKind,
  isCheckedForWrittenAgreement,
  type MandateCommand,
  type MandateDeciderConfig,
  mandateDecider,
  type MandateState,
  mandateStreamName,
  operatorDecider,
  type OperatorState,
  operatorStreamName,
  type OtherSubsidy,
} from '@mandate-ledger/domain';
import { type EventStore, foldStream } from '@mandate-ledger/event-store';
import { assertMayAmendTerritory, assertMayDecideOn, assertMayRecordIn, assertMayReportOn } from './access-policy';
import { readOperatorSubsidies } from './operator-subsidies';
import type { Aggregate, UseCase, UseCases } from './use-case';

export const mandateAggregate = (config: MandateDeciderConfig): Aggregate<MandateState, GrantedMandate> => ({
  decider: createMandateDecider(config),
  target: (command) => {
    const { mandateId } = command.data as { mandateId: string };
    return { id: mandateId, stream: mandateStreamName(mandateId) };
  },
  exists: (state): state is GrantedMandate => state.status !== 'not_granted',
});

const decidedOn = { authorize: assertMayDecideOn };
const reportedOn = { authorize: assertMayReportOn };

const readMandate = async (store: EventStore, mandateId: string): Promise<MandateState> =>
  foldStream(mandateDecider, await store.readStream(mandateStreamName(mandateId)));

/** Decisions on an operator's subsidies run one at a time per operator in this process (see docs/money.md on concurrency). */
const subsidiesKey = (operatorId: string) => `subsidies:${operatorId}`;

/**
 * A renewal or an amendment of the financing or the end of a mandate the written-agreement rule
 * checks: the rule is told the operator's other mandates (the one decided on is read again by the
 * command path). On any other mandate, nothing is read and nothing waits.
 */
const financingDecision = <Type extends 'AmendMandate' | 'RenewMandate'>(
  changesFunding: (command: Extract<MandateCommand, { type: Type }>['data']) => boolean,
): Pick<UseCase<Type, GrantedMandate, OtherSubsidy[]>, 'serializeOn' | 'read' | 'given'> => {
  const checkedMandate = async (command: { data: unknown }, store: EventStore): Promise<GrantedMandate | undefined> => {
    const { data } = command as { data: { mandateId: string } };
    if (!changesFunding(data as never)) return undefined;
    const mandate = await readMandate(store, data.mandateId);
    return mandate.status !== 'not_granted' && isCheckedForWrittenAgreement(mandate.instrument.kind) ? mandate : undefined;
  };
  return {
    serializeOn: async (command, store) => {
      const mandate = await checkedMandate(command, store);
      return mandate && subsidiesKey(mandate.operatorId);
    },
    read: async (command, store, { operatorMandates }) => {
      const mandate = await checkedMandate(command, store);
      return mandate ? readOperatorSubsidies(store, operatorMandates, mandate.operatorId, mandate.mandateId) : [];
    },
    given: (subsidies: OtherSubsidy[]) => ({ subsidies }),
  };
};

/** A grant by an instrument the written-agreement rule checks (its kind as sent; the decider validates it). */
const checkedGrant = (data: { instrument?: { kind?: unknown } }): boolean => isCheckedForWrittenAgreement(data.instrument?.kind as InstrumentKind);

export const MANDATE_USE_CASES: UseCases<MandateCommand['type'], GrantedMandate> = {
  GrantMandate: {
    allow: (actor, { data }) => assertMayRecordIn(actor, [data.territory.departement, data.authority.departement], 'This mandate'),
    serializeOn: async ({ data }) => (checkedGrant(data) ? subsidiesKey(data.operatorId) : undefined),
    read: async ({ data }, store, { operatorMandates }): Promise<{ operator: OperatorState; subsidies: OtherSubsidy[] }> => ({
      operator: foldStream(operatorDecider, await store.readStream(operatorStreamName(data.operatorId))),
      subsidies: checkedGrant(data) ? await readOperatorSubsidies(store, operatorMandates, data.operatorId, data.mandateId) : [],
    }),
    given: ({ operator, subsidies }: { operator: OperatorState; subsidies: OtherSubsidy[] }) => ({ operator: { status: operator.status }, subsidies }),
    // A mandate already granted under this id (a replay of this grant) is checked as it was recorded.
    authorize: assertMayDecideOn,
  },
  AmendMandate: {
    ...financingDecision<'AmendMandate'>((data) => data.changes?.financing !== undefined || data.changes?.periodEnd !== undefined),
    authorize: (actor, mandate, { data }) => {
      const territory = data.changes.territory;
      if (territory) assertMayAmendTerritory(actor, mandate, territory.departement);
      else assertMayDecideOn(actor, mandate);
    },
  },
  RenewMandate: { ...financingDecision<'RenewMandate'>(() => true), ...decidedOn },
  SuspendMandate: decidedOn,
  ReinstateMandate: decidedOn,
  TerminateMandate: decidedOn,
  ReportMandateActivity: reportedOn,
  CompleteMandateMission: reportedOn,
  // Money and publication are the authority's decisions; the compte rendu financier comes from the operator.
  RecordMandatePayment: decidedOn,
  WithholdMandatePayment: decidedOn,
  OrderMandateRecovery: decidedOn,
  ReceiveMandateFinancialReport: reportedOn,
  RecordMandatePublication: decidedOn,
};
