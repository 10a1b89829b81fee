/** Injection token for the configured {@link EventStore} adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who caused an event: the token's `sub` and role, or a system process. */
export interface Actor {
  readonly sub: string;
  readonly role: string;
}

/** Metadata stored with every event; adapters add nothing to it. */
export interface EventMetadata {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly [key: string]: JsonValue | Actor | undefined;
}

/** An event as the application hands it to the store. `id` is a UUID chosen by the caller. */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

/**
 * An event as stored. `revision` is its 0-based place in its stream; `position` its place in the
 * global log (strictly increasing in log order, not necessarily dense); `recordedAt` is set by the
 * store when the append commits (ISO 8601 UTC, millisecond precision).
 */
export interface StoredEvent extends EventToAppend {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly recordedAt: string;
}

/**
 * What the caller believes about the stream before appending:
 * `no_stream` (it must not exist), `stream_exists` (it must), `any`, or the exact revision of its
 * last event.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/** The stream's actual state when an expectation failed: its last revision, or `no_stream`. */
export type ActualRevision = 'no_stream' | bigint;

/** Revision and global position of the last event written (or already stored) by an append. */
export interface AppendResult {
  readonly revision: bigint;
  readonly position: bigint;
  /**
   * Set when every event of the append was already stored (a retry, or the loser of a race between
   * two appends of the same ids): nothing was written and the result is the original append's.
   */
  readonly alreadyStored?: true;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Default `forwards`. */
  readonly direction?: ReadDirection;
  /** First revision returned (inclusive); default the first (forwards) or last (backwards) event. */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: only events whose position is greater. Omit to start at the beginning of the log. */
  readonly after?: bigint;
  /** Batch size; adapters cap it at their own maximum. */
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: deliver events whose position is greater. Omit for the whole log. */
  readonly after?: bigint;
  /** Aborting ends the iteration without an error. */
  readonly signal?: AbortSignal;
}

/**
 * The event log. Stream names are `<category>-<id>`. Every adapter passes the contract suite in
 * `testing/event-store.contract.ts` unchanged.
 */
export interface EventStore {
  /**
   * Appends events atomically after checking `expected`. Throws {@link WrongExpectedRevisionError}
   * on a mismatch. If the events' ids are already stored (a retried command), appends nothing and
   * returns the original result, marked `alreadyStored`.
   */
  appendToStream(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;

  /** Reads one stream; an unknown stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** Reads one batch of the global log in position order. An empty batch means the reader is caught up. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;

  /**
   * Catches up from `after`, then follows live appends (this process's and other processes' on the
   * same database), each event exactly once in global order, until the signal aborts or the
   * consumer stops iterating.
   */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<StoredEvent>;

  /** Position of the last event readable from the global log, or `undefined` when the log is empty. */
  headPosition(): Promise<bigint | undefined>;

  /**
   * Optional (the polling adapters): calls `listener` after each commit of appends made through this
   * instance, and returns what removes it. The API tells its projector thread, whose own connection
   * then reads at once instead of at its next poll.
   */
  onAppended?(listener: () => void): () => void;

  /** Optional (the polling adapters): another connection has appended, so live subscriptions read now, not at their next poll. */
  wakeSubscriptions?(): void;

  /** Releases connections and stops polling. */
  close(): Promise<void>;
}
