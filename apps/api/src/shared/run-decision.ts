import type { CommandMetadata } from '@mandate-ledger/domain';
import { type CommandDecider, type DecidedEvent, type EventStore, handleCommand } from '@mandate-ledger/event-store';
import { eventMetadataOf, type WriteContext } from '../http/write-context';
import { type WriteResult, writeResultOf } from '../http/write-result';

export const commandMetadataOf = (context: WriteContext): CommandMetadata => ({
  now: context.now,
  actor: { sub: context.principal.sub, role: context.principal.role },
  correlationId: context.correlationId,
});

/** Decides a command on the aggregate's stream with the request's preconditions and metadata. */
export const runDecision = async <Command, State, Event extends DecidedEvent>(
  store: EventStore,
  decider: CommandDecider<Command, State, Event>,
  target: { readonly id: string; readonly stream: string },
  command: Command,
  context: WriteContext,
  authorize?: (state: State) => void,
): Promise<WriteResult> => {
  const result = await handleCommand(store, decider, target.stream, command, {
    metadata: eventMetadataOf(context),
    expectedRevision: context.expectedRevision,
    idempotency: context.idempotency,
    authorize,
  });
  return writeResultOf(target.id, result);
};
