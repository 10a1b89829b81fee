/** Who issued a command: the token's `sub` and role, or a system process. */
export interface Actor {
  readonly sub: string;
  readonly role: string;
}

/** Set by the handler: deciders never read the clock nor mint ids. `now` is an ISO 8601 UTC instant. */
export interface CommandMetadata {
  readonly now: string;
  readonly actor: Actor;
  readonly correlationId: string;
}

export type DomainCommand<Type extends string, Data> = {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
};

/** The stored `type` never changes; a new shape bumps `schemaVersion` (and gets an upcaster). */
export type DomainEvent<Type extends string, Data, SchemaVersion extends number = 1> = {
  readonly type: Type;
  readonly schemaVersion: SchemaVersion;
  readonly data: Data;
};

/** Chassaing's Decider: pure functions, no I/O. `decide` throws a `DomainError` to refuse. */
export interface Decider<Command, Event, State> {
  readonly decide: (command: Command, state: State) => Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
}

/** The state after `events`, as a handler rebuilds it from a stream. */
export const fold = <Command, Event, State>(decider: Decider<Command, Event, State>, events: readonly Event[]): State =>
  events.reduce(decider.evolve, decider.initialState());
