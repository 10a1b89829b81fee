import type { CommandMetadata } from '@mandate-ledger/domain';
import type { EventMetadata, IdempotencyKey } from '@mandate-ledger/event-store';
import type { Principal } from './principal';

/**
 * What a command needs besides its data, whoever brought it (an HTTP request, the CLI): who, when,
 * under which correlation, and its preconditions.
 */
export interface CommandContext {
  readonly actor: Principal;
  /** ISO 8601 UTC instant the command was received: the domain never reads the clock. */
  readonly now: string;
  readonly correlationId: string;
  /** The id of what caused this command (a message, another command), when it has one. */
  readonly causationId?: string;
  /** The id of the HTTP request that carried it. */
  readonly requestId?: string;
  /** The revision the caller last saw (HTTP: `If-Match`); a mismatch is refused, never retried. */
  readonly expectedRevision?: bigint;
  /** Scoped to the caller, with the fingerprint of what it was sent for (HTTP: `Idempotency-Key`). */
  readonly idempotency?: IdempotencyKey;
}

export const commandMetadataOf = ({ actor, now, correlationId }: CommandContext): CommandMetadata => ({
  now,
  actor: { sub: actor.sub, role: actor.role },
  correlationId,
});

/**
 * The event metadata of DESIGN §6: actor, correlation and causation ids, the request id; and the
 * départements the actor held, which later access rules look back at (the opener of a compliance case).
 */
export const eventMetadataOf = ({ actor, correlationId, causationId, requestId }: CommandContext): EventMetadata => ({
  actor: { sub: actor.sub, role: actor.role },
  ...(actor.departements && { actorDepartements: [...actor.departements] }),
  correlationId,
  ...(causationId === undefined ? {} : { causationId }),
  ...(requestId === undefined ? {} : { requestId }),
});
