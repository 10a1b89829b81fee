import { LATEST_SCHEMA_VERSIONS } from '@mandate-ledger/domain';
import type { EventMetadata, JsonObject, StoredEvent } from '@mandate-ledger/event-store';
import type { Projection } from '../projection';

export interface GivenEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: object;
  readonly schemaVersion?: number;
  readonly recordedAt?: string;
}

const metadata: EventMetadata = { actor: { sub: 'projection-spec', role: 'admin' }, correlationId: 'spec' };

/** Stored events as a log would hand them over: positions 1, 2, …, revisions per stream, one second apart. */
export const storedEvents = (events: readonly GivenEvent[], start = 1): StoredEvent[] => {
  const revisions = new Map<string, bigint>();
  return events.map((event, i) => {
    const revision = revisions.get(event.stream) ?? 0n;
    revisions.set(event.stream, revision + 1n);
    return {
      id: `00000000-0000-4000-8000-${String(start + i).padStart(12, '0')}`,
      stream: event.stream,
      revision,
      position: BigInt(start + i),
      type: event.type,
      schemaVersion: event.schemaVersion ?? LATEST_SCHEMA_VERSIONS[event.type as keyof typeof LATEST_SCHEMA_VERSIONS] ?? 1,
      data: event.data as JsonObject,
      metadata,
      recordedAt: event.recordedAt ?? new Date(Date.UTC(2018, 0, 1) + (start + i) * 1000).toISOString(),
    };
  });
};

/** Folds events through a projection in memory, as the runtime would: rows by key. */
export const foldProjection = <Row>(projection: Projection<Row>, events: readonly StoredEvent[], rows = new Map<string, Row>()): Map<string, Row> => {
  for (const event of events) {
    for (const key of projection.keysOf(event)) {
      const next = projection.evolve(rows.get(key), event, key);
      if (next === undefined) rows.delete(key);
      else rows.set(key, next);
    }
  }
  return rows;
};

/**
 * Given / when / then over a projection, like the deciders' specification:
 * `given([granted]).when(suspended).then((rows) => …)` or `.thenFails(/never granted/)`.
 */
export const projectionSpecification =
  <Row>(projection: Projection<Row>) =>
  (given: readonly GivenEvent[] = []) => ({
    when: (...when: GivenEvent[]) => {
      const events = storedEvents([...given, ...when]);
      const handle = () => foldProjection(projection, events);
      return {
        then: (assert: (rows: Map<string, Row>) => void) => assert(handle()),
        thenFails: (message: RegExp) => expect(handle).toThrow(message),
      };
    },
  });
