import { operatorDecider, type OperatorCommand, type OperatorState, operatorStreamName } from '@mandate-ledger/domain';
import { assertMayChangeOperatorDepartements, assertMayManageOperator, assertMayRecordIn } from './access-policy';
import type { Aggregate, UseCases } from './use-case';

export type RegisteredOperator = Exclude<OperatorState, { status: 'unregistered' }>;

export const operatorAggregate: Aggregate<OperatorState, RegisteredOperator> = {
  decider: operatorDecider,
  target: (command) => {
    const { operatorId } = command.data as { operatorId: string };
    return { id: operatorId, stream: operatorStreamName(operatorId) };
  },
  exists: (state): state is RegisteredOperator => state.status !== 'unregistered',
};

export const OPERATOR_USE_CASES: UseCases<OperatorCommand['type'], RegisteredOperator> = {
  RegisterOperator: {
    // An officer registers operators active in its own départements.
    allow: (actor, { data }) => assertMayRecordIn(actor, data.departements, 'This operator'),
    // An operator already registered under this id (a replay of this registration) is checked as it was recorded.
    authorize: assertMayManageOperator,
  },
  UpdateOperatorDetails: {
    authorize: (actor, operator, { data }) => {
      assertMayManageOperator(actor, operator);
      if (data.changes.departements) assertMayChangeOperatorDepartements(actor, operator, data.changes.departements);
    },
  },
  DeregisterOperator: { authorize: assertMayManageOperator },
};
