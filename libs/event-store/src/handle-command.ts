import { DuplicateEventIdError, IdempotencyKeyReusedError, WrongExpectedRevisionError } from './event-store.errors';
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

/** An `Idempotency-Key`, already scoped to the caller, with the fingerprint of the request it came with. */
export interface IdempotencyKey {
  readonly key: string;
  /** Of what the key was sent for (for HTTP: method, path, principal, body); stored next to the key. */
  readonly fingerprint: string;
}

export interface HandleCommandOptions {
  readonly metadata: EventMetadata;
  /** From `If-Match`: the revision the client last saw. A mismatch is never retried. */
  readonly expectedRevision?: bigint;
  /**
   * A key found on the stream returns the first result and appends nothing, once the caller is
   * authorized and if the fingerprint is the one stored with it; any other use of the key throws
   * {@link IdempotencyKeyReusedError}.
   */
  readonly idempotency?: IdempotencyKey;
}

export interface HandleCommandAccess<State> {
  /** Called with the folded state before deciding or replaying: throws to refuse the caller (scope, ownership). */
  readonly authorize?: (state: State) => void;
}

export interface HandleCommandResult {
  readonly revision: bigint;
  readonly position: bigint;
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
 * The first result of a key found on the stream, for an authorized caller repeating the request
 * the key was first used for; `undefined` when the stream does not hold the key.
 */
const replayOf = <State>(
  stream: string,
  stored: readonly StoredEvent[],
  state: State,
  idempotency: IdempotencyKey,
  authorize: ((state: State) => void) | undefined,
): HandleCommandResult | undefined => {
  const earlier = stored.filter((e) => e.metadata.idempotencyKey === idempotency.key);
  if (earlier.length === 0) return undefined;
  authorize?.(state);
  // Events recorded before fingerprints were stored have none: their key matches by itself, as it did then.
  const fingerprint = earlier[0].metadata.idempotencyFingerprint;
  if (fingerprint !== undefined && fingerprint !== idempotency.fingerprint) throw new IdempotencyKeyReusedError(stream);
  const { revision, position } = earlier[earlier.length - 1];
  return { revision, position, appended: false };
};

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
  const { idempotency, authorize } = options;
  // The key's events were stored by another append meanwhile: answer as its replay if they are on this stream.
  const replayAfterRace = async (key: IdempotencyKey): Promise<HandleCommandResult> => {
    const stored = await store.readStream(stream);
    const replay = replayOf(stream, stored, foldStream(decider, stored), key, authorize);
    if (!replay) throw new IdempotencyKeyReusedError(stream);
    return replay;
  };
  for (let attempt = 1; ; attempt++) {
    const stored = await store.readStream(stream);
    const state = foldStream(decider, stored);
    const replay = idempotency && replayOf(stream, stored, state, idempotency, authorize);
    if (replay) return replay;
    const last = stored.length > 0 ? stored[stored.length - 1].revision : undefined;
    if (options.expectedRevision !== undefined && options.expectedRevision !== last) {
      throw new WrongExpectedRevisionError(stream, options.expectedRevision, last ?? 'no_stream');
    }
    authorize?.(state);
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { revision: last ?? -1n, position: stored.at(-1)?.position ?? 0n, appended: false };
    const metadata: EventMetadata = idempotency
      ? { ...options.metadata, idempotencyKey: idempotency.key, idempotencyFingerprint: idempotency.fingerprint }
      : options.metadata;
    const events = decided.map((event, index) => ({
      // Ids derived from the key make a concurrent duplicate collide in the store instead of doubling.
      id: idempotency ? uuidFromSeed(`${idempotency.key}\u0000${index}`) : uuidv7(),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data as JsonObject,
      metadata,
    }));
    let result: AppendResult;
    try {
      result = await store.appendToStream(stream, events, last ?? 'no_stream');
    } catch (error) {
      // The key's ids are stored, but not as this append: on this stream by another request, or on another stream.
      if (idempotency && error instanceof DuplicateEventIdError) return replayAfterRace(idempotency);
      const retry = error instanceof WrongExpectedRevisionError && options.expectedRevision === undefined && attempt === 1;
      if (!retry) throw error;
      continue;
    }
    if (!result.alreadyStored) return { revision: result.revision, position: result.position, appended: true };
    // Another request with the same key stored these very events first.
    return idempotency ? replayAfterRace(idempotency) : { revision: result.revision, position: result.position, appended: false };
  }
};
