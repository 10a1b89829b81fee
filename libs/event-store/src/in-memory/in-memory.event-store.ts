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
import { satisfies } from '../serialization/expected-revision';
import { originalResultOf } from '../serialization/idempotency';
import { AppendSignal, pollingSubscription } from '../serialization/polling-subscription';
import { UpcasterChain, type Upcaster } from '../serialization/upcasters';
import { validateAppend } from '../serialization/validate-append';

/**
 * A store in process memory, for unit tests of the domain and handlers only: nothing survives the
 * process and no other process can see it. Passes the same contract suite as the real adapters.
 */
export class InMemoryEventStore implements EventStore {
  private readonly upcasters: UpcasterChain;

  constructor(
    options: { upcasters?: readonly Upcaster[] } = {},
    private readonly memory: InMemoryLog = new InMemoryLog(),
  ) {
    this.upcasters = new UpcasterChain(options.upcasters);
  }

  /** Another store on the same log, as another connection would be (with its own upcasters). */
  sharing(options: { upcasters?: readonly Upcaster[] } = {}): InMemoryEventStore {
    return new InMemoryEventStore(options, this.memory);
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(stream, events, expected, 10_000);
    const { log, streams, byId } = this.memory;
    const stored = events.map((e) => byId.get(e.id)).filter((e): e is StoredEvent => e !== undefined);
    if (stored.length > 0) return originalResultOf(stream, events, stored);
    const current = streams.get(stream) ?? [];
    const last = current.length > 0 ? BigInt(current.length - 1) : null;
    if (!satisfies(expected, last)) throw new WrongExpectedRevisionError(stream, expected, last ?? 'no_stream');
    const recordedAt = new Date().toISOString();
    for (const event of events) {
      const storedEvent: StoredEvent = {
        ...structuredClone(event),
        stream,
        revision: BigInt(current.length),
        position: BigInt(log.length + 1),
        recordedAt,
      };
      current.push(storedEvent);
      log.push(storedEvent);
      byId.set(event.id, storedEvent);
    }
    streams.set(stream, current);
    this.memory.appended.notify();
    const { revision, position } = current[current.length - 1];
    return { revision, position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const events = this.memory.streams.get(stream) ?? [];
    const max = options.maxCount ?? Infinity;
    const selected =
      options.direction === 'backwards'
        ? events.filter((e) => options.fromRevision === undefined || e.revision <= options.fromRevision).reverse()
        : events.filter((e) => e.revision >= (options.fromRevision ?? 0n));
    return selected.slice(0, max).map((e) => this.read(e));
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const from = Number(options.after ?? 0n);
    return this.memory.log.slice(from, from + (options.maxCount ?? 1000)).map((e) => this.read(e));
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return pollingSubscription((o) => this.readAll(o), this.memory.appended, { ...options, batchSize: 1000 });
  }

  async headPosition(): Promise<bigint | undefined> {
    const { length } = this.memory.log;
    return length > 0 ? BigInt(length) : undefined;
  }

  async close(): Promise<void> {
    this.memory.appended.notify();
  }

  private read(event: StoredEvent): StoredEvent {
    const copy = structuredClone(event);
    return this.upcasters.isEmpty ? copy : this.upcasters.apply(copy);
  }
}

/** The shared state behind one or more in-memory stores. */
class InMemoryLog {
  readonly log: StoredEvent[] = [];
  readonly streams = new Map<string, StoredEvent[]>();
  readonly byId = new Map<string, StoredEvent>();
  readonly appended = new AppendSignal(1000);
}
