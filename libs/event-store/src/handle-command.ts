import { WrongExpectedRevisionError } from './event-store.errors';
import type { AppendResult, EventMetadata, EventStore, JsonObject, StoredEvent } from './event-store.port';
import { uuidFromSeed, uuidv7 } from './serialization/uuid-v7';

/** The shape of an event as deciders produce it: the store adds everything else. */
export interface DecidedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: object;
}

/** A decider as `libs/domain` writes them (structurally: the store does not import the domain). */
export interface CommandDecider<Command, State, Event extends DecidedEvent> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export interface HandleCommandOptions {
  readonly metadata: EventMetadata;
  /** From `If-Match`: the revision the client last saw. A mismatch is never retried. */
  readonly expectedRevision?: bigint;
  /**
   * From `Idempotency-Key`, already scoped to the caller: a command carrying a key that is found on
   * the stream returns the first result and appends nothing.
   */
  readonly idempotencyKey?: string;
}

export interface HandleCommandAccess<State> {
  /** Called with the folded state before deciding: throws to refuse the caller (scope, ownership). */
  readonly authorize?: (state: State) => void;
}

export interface HandleCommandResult extends AppendResult {
  /** False when an idempotent retry returned the first result without appending. */
  readonly appended: boolean;
}

/** Folds stored events into a decider's state, in stream order. */
export const foldStream = <State, Event extends DecidedEvent>(
  decider: Pick<CommandDecider<unknown, State, Event>, 'evolve' | 'initialState'>,
  events: readonly StoredEvent[],
): State => events.reduce((state, stored) => decider.evolve(state, toDecided<Event>(stored)), decider.initialState());

const toDecided = <Event extends DecidedEvent>(stored: StoredEvent): Event =>
  ({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data }) as unknown as Event;

/**
 * Reads the stream, decides, appends with the revision it read. Without `If-Match`, a concurrent
 * write is retried once against fresh state; then the conflict goes to the caller.
 */
export const handleCommand = async <Command, State, Event extends DecidedEvent>(
  store: EventStore,
  decider: CommandDecider<Command, State, Event>,
  stream: string,
  command: Command,
  options: HandleCommandOptions & HandleCommandAccess<State>,
): Promise<HandleCommandResult> => {
  for (let attempt = 1; ; attempt++) {
    const stored = await store.readStream(stream);
    const last = stored.length > 0 ? stored[stored.length - 1].revision : undefined;
    if (options.idempotencyKey) {
      const earlier = stored.filter((e) => e.metadata.idempotencyKey === options.idempotencyKey);
      if (earlier.length > 0) {
        const { revision, position } = earlier[earlier.length - 1];
        return { revision, position, appended: false };
      }
    }
    if (options.expectedRevision !== undefined && options.expectedRevision !== last) {
      throw new WrongExpectedRevisionError(stream, options.expectedRevision, last ?? 'no_stream');
    }
    const state = foldStream(decider, stored);
    options.authorize?.(state);
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { revision: last ?? -1n, position: stored.at(-1)?.position ?? 0n, appended: false };
    const metadata: EventMetadata = options.idempotencyKey ? { ...options.metadata, idempotencyKey: options.idempotencyKey } : options.metadata;
    const events = decided.map((event, index) => ({
      // Ids derived from the key make a concurrent duplicate collide in the store instead of doubling.
      id: options.idempotencyKey ? uuidFromSeed(`${options.idempotencyKey}\u0000${index}`) : uuidv7(),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data as JsonObject,
      metadata,
    }));
    try {
      const result = await store.appendToStream(stream, events, last ?? 'no_stream');
      return { ...result, appended: true };
    } catch (error) {
      const retry = error instanceof WrongExpectedRevisionError && options.expectedRevision === undefined && attempt === 1;
      if (!retry) throw error;
    }
  }
};
