import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  jsonEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Position,
  type RecordedEvent,
  type WrongExpectedVersionError,
} from '@eventstore/db-client';
import { InvalidAppendError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  ActualRevision,
  EventMetadata,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  StoredEvent,
} from '../event-store.port';
import type { StoredIdentity } from '../serialization/idempotency';

/** EventStoreDB has no field for the shape of an event, so it travels in the metadata under this key. */
export const SCHEMA_VERSION_KEY = '$schemaVersion';

const HALF = 64n;
const HALF_MASK = (1n << HALF) - 1n;

/**
 * Our single position for ESDB's `$all` pair: `(commit << 64) | prepare`. Both halves are unsigned
 * 64-bit on the wire, so the encoding is unique, keeps ESDB's (commit, then prepare) order and decodes
 * back to a `fromPosition`. The result needs up to 128 bits: store it as NUMERIC or text, not BIGINT.
 */
export const encodePosition = ({ commit, prepare }: Position): bigint => {
  if (commit < 0n || commit > HALF_MASK || prepare < 0n || prepare > HALF_MASK) {
    throw new RangeError(`ESDB position ${commit}/${prepare} is outside the unsigned 64-bit range`);
  }
  return (commit << HALF) | prepare;
};

export const decodePosition = (position: bigint): Position => {
  if (position < 0n || position >> (2n * HALF) !== 0n) {
    throw new RangeError(`Position ${position} was not produced by the EventStoreDB adapter`);
  }
  return { commit: position >> HALF, prepare: position & HALF_MASK };
};

export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected;
  }
};

/** The client reports a missing stream as `no_stream`; servers answering in headers may send -1. */
export const toActualRevision = (current: CurrentRevision): ActualRevision =>
  current === NO_STREAM || current < 0n ? 'no_stream' : current;

/** Our error for the expectation we sent (older servers echo it back as a raw number). */
export const toWrongExpectedRevisionError = (
  stream: string,
  expected: ExpectedRevision,
  error: WrongExpectedVersionError,
): WrongExpectedRevisionError => new WrongExpectedRevisionError(stream, expected, toActualRevision(error.actualVersion));

export const toEventData = (event: EventToAppend): EventData => {
  if (SCHEMA_VERSION_KEY in event.metadata) {
    throw new InvalidAppendError(`Metadata key ${SCHEMA_VERSION_KEY} is reserved by the EventStoreDB adapter`);
  }
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion },
  });
};

/** Events of ESDB's own streams (`$stats-…`, `$$…` metadata, projections' `$ce-…`) and system types. */
export const isSystemEvent = (recorded: Pick<RecordedEvent, 'streamId' | 'type'>): boolean =>
  recorded.streamId.startsWith('$') || recorded.type.startsWith('$');

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const positionOf = (recorded: RecordedEvent): Position => {
  if (!recorded.position) {
    throw new Error(`Event ${recorded.id} came without a position: the adapter needs EventStoreDB 22.6 or later`);
  }
  return recorded.position;
};

export const identityOf = (recorded: RecordedEvent): StoredIdentity => ({
  id: recorded.id,
  stream: recorded.streamId,
  revision: recorded.revision,
  position: encodePosition(positionOf(recorded)),
});

/** The identities, among recorded events, of the ids an append carries. */
export const storedIdentitiesAmong = (
  recorded: readonly RecordedEvent[],
  events: readonly EventToAppend[],
): StoredIdentity[] => {
  const ids = new Set(events.map((event) => event.id));
  return recorded.filter((r) => ids.has(r.id)).map(identityOf);
};

/**
 * Whether a recorded event holds what `event` would have stored. EventStoreDB answers an append of
 * ids it holds already, under the same expectation, as it answers a new one (an idempotent write):
 * a recorded event with other content was stored by another append of the same ids.
 */
export const recordsSameContent = (recorded: RecordedEvent, event: EventToAppend): boolean => {
  const stored = toStoredEvent(recorded);
  return (
    stored.type === event.type &&
    stored.schemaVersion === event.schemaVersion &&
    // Both went through JSON with their members in the same order, so equal content gives equal text.
    JSON.stringify(stored.data) === JSON.stringify(event.data) &&
    JSON.stringify(stored.metadata) === JSON.stringify(event.metadata)
  );
};

/** A recorded event as the port shows it, before upcasting. */
export const toStoredEvent = (recorded: RecordedEvent): StoredEvent => {
  if (!recorded.isJson || !isJsonObject(recorded.data)) {
    throw new Error(`Event ${recorded.id} in ${recorded.streamId} is not a JSON object: it was not written by this adapter`);
  }
  const { [SCHEMA_VERSION_KEY]: schemaVersion, ...metadata } = isJsonObject(recorded.metadata) ? recorded.metadata : {};
  return {
    id: recorded.id,
    stream: recorded.streamId,
    revision: recorded.revision,
    position: encodePosition(positionOf(recorded)),
    type: recorded.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data: recorded.data,
    metadata: metadata as unknown as EventMetadata,
    recordedAt: recorded.created.toISOString(),
  };
};
