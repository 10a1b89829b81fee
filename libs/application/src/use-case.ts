import type { DecidedEvent, CommandDecider, EventStore } from '@mandate-ledger/event-store';
import type { ApplicationCommand, CommandType } from './commands';
import type { OperatorMandatesLookup } from './operator-subsidies';
import type { Principal } from './principal';

export type CommandOf<Type extends CommandType> = Extract<ApplicationCommand, { type: Type }>;

/** Where an aggregate's commands go: its decider, its stream, and whether the stream holds the resource yet. */
export interface Aggregate<State, Existing extends State> {
  // The decider takes the domain command: the sent one with its metadata and what `given` adds.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly decider: CommandDecider<any, State, DecidedEvent>;
  /** The id of the resource a command addresses, from its data, and the stream that holds it. */
  readonly target: (command: ApplicationCommand) => { readonly id: string; readonly stream: string };
  /** The access rules apply to what exists: a resource not yet there is the decider's to refuse (404) or to create. */
  readonly exists: (state: State) => state is Existing;
}

/**
 * What one kind of command does besides deciding on its stream. Rules run before anything is read
 * (`allow`), then against the resource as recorded (`authorize`, also before a replay of an
 * Idempotency-Key), so a principal who may not write learns nothing from the answer.
 */
export interface UseCase<Type extends CommandType, Existing, Facts = undefined> {
  /** Before anything is read: which roles may ever make it, and the départements a new resource names. */
  readonly allow?: (actor: Principal, command: CommandOf<Type>) => void;
  /**
   * Commands of one key run one at a time in this process, from `read` to the append: a decision
   * that depends on other streams (the written-agreement rule adds up an operator's subsidies).
   */
  readonly serializeOn?: (command: CommandOf<Type>, store: EventStore) => Promise<string | undefined>;
  /** What the decider needs from other streams: it reads nothing itself. */
  readonly read?: (command: CommandOf<Type>, store: EventStore, services: UseCaseServices) => Promise<Facts>;
  /** The fields the decider's command takes besides `type`, `data` and `metadata`, from what `read` found. */
  readonly given?: (facts: Facts) => object;
  readonly authorize?: (actor: Principal, existing: Existing, command: CommandOf<Type>, facts: Facts) => void;
}

/** What the command path lends the use cases' reads besides the store. */
export interface UseCaseServices {
  readonly operatorMandates: OperatorMandatesLookup;
}

/** Every use case of one aggregate, by command type. */
export type UseCases<Types extends CommandType, Existing> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly [Type in Types]: UseCase<Type, Existing, any>;
};
