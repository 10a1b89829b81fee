import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError, type RecordedEvent } from '@eventstore/db-client';
import { InvalidAppendError, WrongExpectedRevisionError } from '../event-store.errors';
import type { EventToAppend } from '../event-store.port';
import {
  SCHEMA_VERSION_KEY,
  decodePosition,
  encodePosition,
  isSystemEvent,
  recordsSameContent,
  storedIdentitiesAmong,
  toActualRevision,
  toEsdbExpectedRevision,
  toEventData,
  toStoredEvent,
  toWrongExpectedRevisionError,
} from './esdb-mapping';

const MAX = (1n << 64n) - 1n;

const anEvent = (overrides: Partial<EventToAppend> = {}): EventToAppend => ({
  id: '0190a6f4-7c1e-7a3b-9c2d-5e6f7a8b9c0d',
  type: 'MandateGranted',
  schemaVersion: 2,
  data: { mandateId: 'm-1', scope: ['a', 'é'], ceiling: 1.5, none: null },
  metadata: { actor: { sub: 'u-1', role: 'operator' }, correlationId: 'c-1', causationId: 'k-1' },
  ...overrides,
});

/** A recorded event shaped as the client's `convertGrpcRecord` builds it. */
const aRecordedEvent = (overrides: Partial<Record<keyof RecordedEvent, unknown>> = {}): RecordedEvent =>
  ({
    streamId: 'mandate-1',
    id: '0190a6f4-7c1e-7a3b-9c2d-5e6f7a8b9c0d',
    isJson: true,
    revision: 3n,
    type: 'MandateGranted',
    created: new Date('2025-03-04T05:06:07.891Z'),
    data: { mandateId: 'm-1' },
    metadata: { actor: { sub: 'u-1', role: 'operator' }, correlationId: 'c-1', [SCHEMA_VERSION_KEY]: 2 },
    position: { commit: 2048n, prepare: 1024n },
    ...overrides,
  }) as RecordedEvent;

describe('ESDB mapping', () => {
  describe('positions', () => {
    it('round-trips any pair of unsigned 64-bit halves', () => {
      for (const position of [
        { commit: 0n, prepare: 0n },
        { commit: 1n, prepare: 0n },
        { commit: 123_456n, prepare: 123_000n },
        { commit: MAX, prepare: MAX },
      ]) {
        expect(decodePosition(encodePosition(position))).toEqual(position);
      }
    });

    it('orders by commit position first, then by prepare position', () => {
      const ordered = [
        { commit: 10n, prepare: 0n },
        { commit: 10n, prepare: 7n },
        { commit: 10n, prepare: MAX },
        { commit: 11n, prepare: 0n },
        { commit: 12n, prepare: 11n },
      ].map(encodePosition);
      expect([...ordered].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ordered);
      expect(new Set(ordered).size).toBe(ordered.length);
    });

    it('keeps apart events of one append that share a commit position', () => {
      expect(encodePosition({ commit: 500n, prepare: 500n })).toBeLessThan(encodePosition({ commit: 500n, prepare: 620n }));
    });

    it('refuses halves outside the unsigned 64-bit range and positions it could not have produced', () => {
      expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
      expect(() => encodePosition({ commit: 0n, prepare: MAX + 1n })).toThrow(RangeError);
      expect(() => decodePosition(-1n)).toThrow(RangeError);
      expect(() => decodePosition(1n << 128n)).toThrow(RangeError);
    });
  });

  describe('expected and actual revisions', () => {
    it('maps each expectation onto the client constant or the same revision', () => {
      expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
      expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
      expect(toEsdbExpectedRevision('any')).toBe(ANY);
      expect(toEsdbExpectedRevision(0n)).toBe(0n);
      expect(toEsdbExpectedRevision(41n)).toBe(41n);
    });

    it('reads a missing stream as no_stream, whether the server says so or sends -1', () => {
      expect(toActualRevision(NO_STREAM)).toBe('no_stream');
      expect(toActualRevision(-1n)).toBe('no_stream');
      expect(toActualRevision(0n)).toBe(0n);
      expect(toActualRevision(7n)).toBe(7n);
    });

    it('turns the client error into ours with the expectation sent and the revision found', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'mandate-1', expected: 1n, current: 2n });
      const ours = toWrongExpectedRevisionError('mandate-1', 1n, error);
      expect(ours).toBeInstanceOf(WrongExpectedRevisionError);
      expect(ours).toMatchObject({ stream: 'mandate-1', expected: 1n, actual: 2n, code: 'WRONG_EXPECTED_REVISION' });
    });

    it('reports no_stream when an exact expectation meets a missing stream', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'mandate-2', expected: 0n, current: NO_STREAM });
      expect(toWrongExpectedRevisionError('mandate-2', 0n, error)).toMatchObject({ expected: 0n, actual: 'no_stream' });
    });
  });

  describe('events', () => {
    it('writes data as JSON and carries schemaVersion in the metadata', () => {
      const event = anEvent();
      expect(toEventData(event)).toEqual({
        id: event.id,
        contentType: 'application/json',
        type: 'MandateGranted',
        data: event.data,
        metadata: { ...event.metadata, [SCHEMA_VERSION_KEY]: 2 },
      });
    });

    it('refuses metadata that already uses the reserved key', () => {
      const event = anEvent({ metadata: { ...anEvent().metadata, [SCHEMA_VERSION_KEY]: 9 } });
      expect(() => toEventData(event)).toThrow(InvalidAppendError);
    });

    it('reads back what it wrote, with the store-set revision, position and recordedAt', () => {
      const event = anEvent();
      const written = toEventData(event);
      const recorded = aRecordedEvent({ data: written.data, metadata: written.metadata });

      expect(toStoredEvent(recorded)).toEqual({
        ...event,
        stream: 'mandate-1',
        revision: 3n,
        position: (2048n << 64n) | 1024n,
        recordedAt: '2025-03-04T05:06:07.891Z',
      });
    });

    it('gives recordedAt in ISO 8601 UTC with milliseconds, even on a whole second', () => {
      expect(toStoredEvent(aRecordedEvent({ created: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)) })).recordedAt).toBe(
        '2025-01-02T03:04:05.000Z',
      );
    });

    it('reads an event without the schemaVersion key as schemaVersion 1', () => {
      const stored = toStoredEvent(aRecordedEvent({ metadata: { actor: { sub: 'x', role: 'y' }, correlationId: 'c' } }));
      expect(stored.schemaVersion).toBe(1);
      expect(stored.metadata).toEqual({ actor: { sub: 'x', role: 'y' }, correlationId: 'c' });
    });

    it('refuses an event that is not a JSON object or comes without a position', () => {
      expect(() => toStoredEvent(aRecordedEvent({ isJson: false, data: new Uint8Array([1]) }))).toThrow(/not a JSON object/);
      expect(() => toStoredEvent(aRecordedEvent({ data: ['an', 'array'] }))).toThrow(/not a JSON object/);
      expect(() => toStoredEvent(aRecordedEvent({ position: undefined }))).toThrow(/22\.6/);
    });

    it('tells system events apart by stream or type', () => {
      expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
      expect(isSystemEvent({ streamId: '$$mandate-1', type: '$metadata' })).toBe(true);
      expect(isSystemEvent({ streamId: 'mandate-1', type: '$>' })).toBe(true);
      expect(isSystemEvent({ streamId: 'mandate-1', type: 'MandateGranted' })).toBe(false);
    });

    it('finds which ids of an append are already recorded, with their revision and position', () => {
      const [a, b, c] = ['0190a6f4-0000-7000-8000-00000000000a', '0190a6f4-0000-7000-8000-00000000000b', '0190a6f4-0000-7000-8000-00000000000c'];
      const recorded = [
        aRecordedEvent({ id: c, revision: 2n, position: { commit: 30n, prepare: 30n } }),
        aRecordedEvent({ id: b, revision: 1n, position: { commit: 20n, prepare: 20n } }),
        aRecordedEvent({ id: a, revision: 0n, position: { commit: 10n, prepare: 10n } }),
      ];
      expect(storedIdentitiesAmong(recorded, [anEvent({ id: a }), anEvent({ id: b }), anEvent({ id: 'not-stored' })])).toEqual([
        { id: b, stream: 'mandate-1', revision: 1n, position: (20n << 64n) | 20n },
        { id: a, stream: 'mandate-1', revision: 0n, position: (10n << 64n) | 10n },
      ]);
    });

    it('tells an event recorded from this append from one another append of the same id recorded', () => {
      const event = anEvent();
      const written = toEventData(event);
      const recorded = aRecordedEvent({ data: written.data, metadata: written.metadata });
      expect(recordsSameContent(recorded, event)).toBe(true);

      // Another request with the same idempotency key: same id and data, its own correlation id.
      expect(recordsSameContent(recorded, anEvent({ metadata: { ...event.metadata, correlationId: 'c-2' } }))).toBe(false);
      expect(recordsSameContent(recorded, anEvent({ data: { ...event.data, ceiling: 2 } }))).toBe(false);
      expect(recordsSameContent(recorded, anEvent({ schemaVersion: 3 }))).toBe(false);
    });
  });
});
