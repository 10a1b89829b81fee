import { type OperatorEvent, operatorDecider, type OperatorState } from '@mandate-ledger/domain';
import type { StoredEvent } from '@mandate-ledger/event-store';
import { latestDomainEvent } from '../latest-event';
import { type Projection, ProjectionError } from '../projection';

export type RegisteredOperator = Exclude<OperatorState, { status: 'unregistered' }>;

const OPERATOR_EVENTS = new Set<string>(['OperatorRegistered', 'OperatorDetailsUpdated', 'OperatorDeregistered']);
const STREAM_PREFIX = 'operator-';

export const operatorIdOf = (event: Pick<StoredEvent, 'stream'>): string | undefined =>
  event.stream.startsWith(STREAM_PREFIX) ? event.stream.slice(STREAM_PREFIX.length) : undefined;

/**
 * The operators list: one row per operator with the domain's own state, its name and status as
 * columns (sorting, filtering) and its départements as child rows (officers see the operators of
 * their départements).
 */
export const operatorsProjection: Projection<RegisteredOperator> = {
  name: 'operators',
  version: 1,
  history: 'current',

  keysOf: (event) => {
    const id = operatorIdOf(event);
    return id === undefined ? [] : [id];
  },

  evolve: (operator, event) => {
    if (!OPERATOR_EVENTS.has(event.type)) throw new ProjectionError(`The operators list does not know the operator event type ${event.type}`);
    const domainEvent = latestDomainEvent<OperatorEvent>(event, 'The operators list');
    if (event.type === 'OperatorRegistered' && operator !== undefined) throw new ProjectionError(`Operator ${operatorIdOf(event)} registered twice`);
    if (event.type !== 'OperatorRegistered' && operator === undefined) throw new ProjectionError(`${event.type} for operator ${operatorIdOf(event)}, never registered`);
    const next = operatorDecider.evolve(operator ?? operatorDecider.initialState(), domainEvent);
    if (next.status === 'unregistered') throw new ProjectionError(`${event.type} left operator ${operatorIdOf(event)} unregistered`);
    return next;
  },

  columns: { name: 'text', status: 'text', legal_form: 'text' },
  columnsOf: (operator) => ({ name: operator.details.name, status: operator.status, legal_form: operator.details.legalForm }),
  indexes: [['name'], ['status']],

  children: {
    departements: {
      columns: { departement: 'text' },
      indexes: [['departement']],
      rowsOf: (operator) => operator.details.departements.map((departement) => ({ departement })),
    },
  },
};
