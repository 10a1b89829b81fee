import { type MandateEvent, mandateStreamName, operatorDecider, type OperatorDetails, operatorStreamName } from '@mandate-ledger/domain';
import type { EventStore, StoredEvent } from '@mandate-ledger/event-store';
import type { OpenDataSource } from './open-data-source';

const domainEventOf = <Event>(stored: StoredEvent): Event => ({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data }) as Event;

/** The operator's details as its stream records them now (a deregistered operator keeps its last ones). */
const operatorDetailsOf = async (store: EventStore, operatorId: string): Promise<OperatorDetails | undefined> => {
  const state = (await store.readStream(operatorStreamName(operatorId))).map((e) => domainEventOf<Parameters<typeof operatorDecider.evolve>[1]>(e)).reduce(operatorDecider.evolve, operatorDecider.initialState());
  return state.status === 'unregistered' ? undefined : state.details;
};

/**
 * The exports' sources, read from the log itself (not a read model's copy): each mandate's events
 * in their latest shape and its operator's details. Mandates never granted, or whose operator is
 * unknown, are left out.
 */
export const readOpenDataSources = async (store: EventStore, mandateIds: readonly string[]): Promise<OpenDataSource[]> => {
  const sources: OpenDataSource[] = [];
  const operators = new Map<string, OperatorDetails | undefined>();
  for (const mandateId of [...new Set(mandateIds)].sort()) {
    const events = (await store.readStream(mandateStreamName(mandateId))).map((e) => domainEventOf<MandateEvent>(e));
    const grant = events.find((event) => event.type === 'MandateGranted');
    if (grant?.type !== 'MandateGranted') continue;
    const { operatorId } = grant.data;
    if (!operators.has(operatorId)) operators.set(operatorId, await operatorDetailsOf(store, operatorId));
    const operator = operators.get(operatorId);
    if (operator !== undefined) sources.push({ mandateId, events, operator });
  }
  return sources;
};

/** Every mandate granted in the log (the CLI's exports, which have no read model to ask). */
export const mandateIdsInLog = async (store: EventStore): Promise<string[]> => {
  const ids: string[] = [];
  for (let after: bigint | undefined; ; ) {
    const batch = await store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) return ids;
    for (const event of batch) if (event.type === 'MandateGranted') ids.push(event.stream.slice('mandate-'.length));
    after = batch[batch.length - 1].position;
  }
};
