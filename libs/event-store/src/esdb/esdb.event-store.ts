import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventData,
  type RecordedEvent,
  type ReadStreamOptions as EsdbReadStreamOptions,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
} from '../event-store.port';
import { originalResultOf } from '../serialization/idempotency';
import { UpcasterChain, type Upcaster } from '../serialization/upcasters';
import { validateAppend } from '../serialization/validate-append';
import {
  decodePosition,
  encodePosition,
  identityOf,
  isSystemEvent,
  recordsSameContent,
  storedIdentitiesAmong,
  toEsdbExpectedRevision,
  toEventData,
  toStoredEvent,
  toWrongExpectedRevisionError,
} from './esdb-mapping';

export interface EsdbEventStoreOptions {
  /** For example `esdb://localhost:2113?tls=false`; the user needs read access to `$all`. */
  readonly connectionString: string;
  readonly upcasters?: readonly Upcaster[];
}

const MAX_BATCH = 10_000;
const MAX_READ = 10_000;
/** How many of a stream's last events an append searches for its ids. */
const IDEMPOTENCY_WINDOW = 1000;
/** Events a subscription holds for a slow consumer before it pauses the server stream. */
const SUBSCRIPTION_BUFFER = 1000;

/**
 * The adapter for EventStoreDB 22.6 or later (gRPC). Streams, revisions and expectations map one to
 * one; positions encode ESDB's `{commit, prepare}` pair (see `encodePosition`); `schemaVersion`
 * travels in the metadata. System events never reach the global log.
 *
 * Idempotency covers ids already stored in the same stream, among its last
 * {@link IDEMPOTENCY_WINDOW} events. An id reused in another stream is not detected: ESDB keeps no
 * index by event id, and its own duplicate check only recognises an id already written to the same
 * stream (so such an append succeeds instead of failing with `DuplicateEventIdError`). An append
 * of events identical to stored ones, under the expectation they were stored with, is reported as
 * a new append (not `alreadyStored`): the client's answer to ESDB's idempotent write is the same.
 */
export class EsdbEventStore implements EventStore {
  private readonly upcasters: UpcasterChain;
  private readonly closing = new AbortController();

  private constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions,
  ) {
    this.upcasters = new UpcasterChain(options.upcasters);
  }

  /** Connects lazily: the first call reaches the server. */
  static async open(options: EsdbEventStoreOptions): Promise<EsdbEventStore> {
    return new EsdbEventStore(EventStoreDBClient.connectionString(options.connectionString), options);
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(stream, events, expected, MAX_BATCH);
    const data = events.map(toEventData);
    if (expected !== 'any' && expected !== 'stream_exists') return this.appendExpecting(stream, events, data, expected);
    // Under `any` and `stream_exists` ESDB checks ids only in a cache, and appends when the first id
    // is new to the stream (IndexWriter.CheckCommit). So the ids are looked for here, and the append
    // is pinned to the revision they were looked for at; if the stream moved meanwhile, look again.
    for (;;) {
      const tail = await this.tail(stream);
      const stored = storedIdentitiesAmong(tail, events);
      if (stored.length > 0) return originalResultOf(stream, events, stored);
      if (tail.length === 0 && expected === 'stream_exists') throw new WrongExpectedRevisionError(stream, expected, 'no_stream');
      try {
        return await this.appendExpecting(stream, events, data, tail.length > 0 ? tail[0].revision : 'no_stream');
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
  }

  private async appendExpecting(
    stream: string,
    events: readonly EventToAppend[],
    data: EventData[],
    expected: 'no_stream' | bigint,
  ): Promise<AppendResult> {
    try {
      const { nextExpectedRevision } = await this.client.appendToStream(stream, data, {
        expectedRevision: toEsdbExpectedRevision(expected),
      });
      return await this.resultOf(stream, events, nextExpectedRevision);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A retried command carries its original, now stale, expectation: answer with the original result.
      const stored = storedIdentitiesAmong(await this.tail(stream), events);
      if (stored.length > 0) return originalResultOf(stream, events, stored);
      throw toWrongExpectedRevisionError(stream, expected, error);
    }
  }

  /**
   * The append's own position is the write's commit position for both halves, not the `$all`
   * position of its last event, so that event is read back (it also reveals an idempotent success).
   * ESDB's answer to an idempotent write is that of a new one: only a stored event whose content
   * differs from ours shows that another append stored these ids (two requests with one key, each
   * with its own metadata); a retry of identical events reads as a new append.
   */
  private async resultOf(stream: string, events: readonly EventToAppend[], revision: bigint): Promise<AppendResult> {
    const [last] = await this.readRecorded(stream, { fromRevision: revision, maxCount: 1 });
    const sent = events[events.length - 1];
    if (last?.id === sent.id) {
      const position = identityOf(last).position;
      return recordsSameContent(last, sent) ? { revision, position } : { revision, position, alreadyStored: true };
    }
    // ESDB acknowledged an earlier write of some of these ids that is not this exact batch.
    return originalResultOf(stream, events, storedIdentitiesAmong(await this.tail(stream), events));
  }

  private tail(stream: string): Promise<RecordedEvent[]> {
    return this.readRecorded(stream, { direction: BACKWARDS, fromRevision: END, maxCount: IDEMPOTENCY_WINDOW });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const recorded = await this.readRecorded(stream, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      maxCount: options.maxCount,
    });
    return recorded.map((r) => this.toEvent(r));
  }

  private async readRecorded(stream: string, options: EsdbReadStreamOptions): Promise<RecordedEvent[]> {
    const recorded: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, options)) {
        if (resolved.event) recorded.push(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return recorded;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const limit = Math.min(options.maxCount ?? MAX_READ, MAX_READ);
    const events: StoredEvent[] = [];
    let after = options.after;
    while (events.length < limit) {
      // ESDB reads from a position inclusively: ask for one more and drop the event at `after`.
      // System events are dropped too, so a page that held only those is followed by another.
      const want = limit - events.length + 1;
      let seen = 0;
      for await (const { event } of this.client.readAll({
        direction: FORWARDS,
        fromPosition: after === undefined ? START : decodePosition(after),
        maxCount: want,
      })) {
        seen++;
        if (!event) continue;
        const position = encodePosition(event.position);
        if (after !== undefined && position <= after) continue;
        after = position;
        if (!isSystemEvent(event) && events.length < limit) events.push(this.toEvent(event));
      }
      if (seen < want) break;
    }
    return events;
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return this.follow(options);
  }

  private async *follow({ after, signal }: SubscribeOptions): AsyncGenerator<StoredEvent> {
    const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    if (stop.aborted) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: after === undefined ? START : decodePosition(after),
      filter: excludeSystemEvents(),
    });
    let last = after;
    for await (const event of eventsOf(subscription, stop)) {
      const position = encodePosition(event.position);
      // Exclusive whether or not the server delivers the event at `fromPosition`.
      if ((last !== undefined && position <= last) || isSystemEvent(event)) continue;
      last = position;
      yield this.toEvent(event);
    }
  }

  async headPosition(): Promise<bigint | undefined> {
    // The newest events may all be ESDB's own: look further back until one of ours shows up.
    for (let count = 16; ; count *= 16) {
      let seen = 0;
      let head: bigint | undefined;
      for await (const { event } of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: count })) {
        seen++;
        if (head === undefined && event && !isSystemEvent(event)) head = encodePosition(event.position);
      }
      if (head !== undefined || seen < count) return head;
    }
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.client.dispose();
  }

  private toEvent(recorded: RecordedEvent): StoredEvent {
    const event = toStoredEvent(recorded);
    return this.upcasters.isEmpty ? event : this.upcasters.apply(event);
  }
}

/**
 * The subscription's events until `stop` aborts. The stream's own iterator is not used: after an
 * unsubscribe it may neither end nor fail, and destroying it makes the iterator throw.
 */
async function* eventsOf(subscription: AllStreamSubscription, stop: AbortSignal): AsyncGenerator<AllStreamRecordedEvent> {
  const buffer: AllStreamRecordedEvent[] = [];
  let failure: Error | undefined;
  let ended = false;
  let wake = (): void => undefined;
  const onData = (resolved: AllStreamResolvedEvent) => {
    if (!resolved.event) return;
    buffer.push(resolved.event);
    if (buffer.length >= SUBSCRIPTION_BUFFER) subscription.pause();
    wake();
  };
  const onError = (error: Error) => {
    failure = error;
    wake();
  };
  const onEnd = () => {
    ended = true;
    wake();
  };
  const onAbort = () => wake();
  subscription.on('data', onData).on('error', onError).on('end', onEnd);
  stop.addEventListener('abort', onAbort);
  try {
    while (!stop.aborted) {
      const event = buffer.shift();
      if (event) {
        if (subscription.isPaused() && buffer.length < SUBSCRIPTION_BUFFER / 2) subscription.resume();
        yield event;
      } else if (failure) {
        throw failure;
      } else if (ended) {
        throw new Error('The subscription to $all ended although it was not stopped');
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    stop.removeEventListener('abort', onAbort);
    // A late error (the cancellation itself, a disposed client) must not go unhandled.
    subscription.off('data', onData).off('end', onEnd).off('error', onError).on('error', () => undefined);
    await subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  }
}
