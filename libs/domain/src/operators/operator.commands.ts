import { CalendarDate } from '../shared/dates';
import { DomainCommand } from '../shared/decider';
import { OperatorId } from '../shared/ids';
import { OperatorDetails, OperatorDetailsChanges } from './operator.events';

export type RegisterOperator = DomainCommand<'RegisterOperator', { readonly operatorId: OperatorId } & OperatorDetails>;

/** Fields left out keep their value; a PATCH that changes nothing decides no event. */
export type UpdateOperatorDetails = DomainCommand<
  'UpdateOperatorDetails',
  { readonly operatorId: OperatorId; readonly changes: OperatorDetailsChanges }
>;

export type DeregisterOperator = DomainCommand<
  'DeregisterOperator',
  { readonly operatorId: OperatorId; readonly effectiveFrom: CalendarDate; readonly reason: string }
>;

export type OperatorCommand = RegisterOperator | UpdateOperatorDetails | DeregisterOperator;
