import { randomUUID } from 'node:crypto';
import {
  type MandateCommand,
  mandateDecider,
  type MandateEvent,
  type MandateState,
  mandateStreamName,
  operatorStreamName,
} from '@mandate-ledger/domain';
import { type EventToAppend, uuidv7 } from '@mandate-ledger/event-store';
import type { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { Random, randomCommand, randomGrant, SMALL_POOL, type TerritoryPool } from '../../../libs/projections/src/testing/random-mandates';

export interface MandateLogOptions {
  readonly seed: number;
  /** Events to append in all (approximately: the last append may carry a few more). */
  readonly events: number;
  readonly mandates: number;
  readonly operators?: number;
  /** Where mandates are: by default a few départements (filters match often). */
  readonly territories?: TerritoryPool;
  readonly onProgress?: (appended: number) => void;
}

export interface MandateLog {
  readonly events: number;
  readonly mandates: number;
  readonly operatorIds: readonly string[];
  readonly mandateIds: readonly string[];
}

const metadata = { actor: { sub: 'generator', role: 'admin' }, correlationId: 'generator' } as const;

const toAppend = (event: { type: string; schemaVersion: number; data: object }): EventToAppend => ({
  id: uuidv7(),
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data as EventToAppend['data'],
  metadata,
});

/**
 * Appends a realistic log quickly: operators, then decisions on random mandates interleaved as
 * they would be over time, each decided by the decider (so every sequence is valid), through the
 * store's own `appendToStream`, thousands of appends per event-loop turn (one group commit).
 */
export const fillMandateLog = async (store: SqliteEventStore, options: MandateLogOptions): Promise<MandateLog> => {
  const random = new Random(options.seed);
  const pool = options.territories ?? SMALL_POOL;
  const operatorIds = Array.from({ length: options.operators ?? 200 }, () => randomUUID());
  const mandateIds = Array.from({ length: options.mandates }, () => randomUUID());
  const states: { state: MandateState; revision: bigint | 'no_stream' }[] = mandateIds.map(() => ({ state: mandateDecider.initialState(), revision: 'no_stream' }));
  let appended = 0;
  // Refused commands are part of the generation: their errors need no stack trace.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const db = store.database;
  db.pragma('synchronous = OFF');
  // The store commits the appends made in one event-loop turn together: one transaction per chunk.
  const operators = operatorIds.map((operatorId, i) => ({
    stream: operatorStreamName(operatorId),
    event: toAppend({
      type: 'OperatorRegistered',
      schemaVersion: 1,
      data: { operatorId, name: `Operator ${i}`, legalForm: 'association', siren: '732829320', departements: ['62'], languages: [], salariedFte: 10 },
    }),
  }));
  await Promise.all(operators.map(({ stream, event }) => store.appendToStream(stream, [event], 'no_stream')));
  appended += operators.length;

  while (appended < options.events) {
    const appends: Promise<unknown>[] = [];
    for (let n = 0; n < 5000 && appended < options.events; n++) {
      const i = random.int(0, mandateIds.length - 1);
      const entry = states[i];
      const command: MandateCommand =
        entry.state.status === 'not_granted'
          ? randomGrant(random, mandateIds[i], random.pick(operatorIds), pool)
          : randomCommand(random, mandateIds[i], entry.state, pool);
      let events: MandateEvent[];
      try {
        events = mandateDecider.decide(command, entry.state);
      } catch {
        continue;
      }
      // Queued in order, so the revision it will get is known now.
      appends.push(store.appendToStream(mandateStreamName(mandateIds[i]), events.map(toAppend), entry.revision));
      entry.revision = entry.revision === 'no_stream' ? BigInt(events.length - 1) : entry.revision + BigInt(events.length);
      for (const event of events) entry.state = mandateDecider.evolve(entry.state, event);
      appended += events.length;
    }
    await Promise.all(appends);
    options.onProgress?.(appended);
  }
  db.pragma('synchronous = FULL');
  Error.stackTraceLimit = stackTraceLimit;
  return { events: appended, mandates: states.filter((s) => s.state.status !== 'not_granted').length, operatorIds, mandateIds };
};
