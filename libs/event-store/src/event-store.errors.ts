import type { ActualRevision, ExpectedRevision } from './event-store.port';

const describe = (revision: ExpectedRevision | ActualRevision): string =>
  typeof revision === 'bigint' ? `revision ${revision}` : revision;

/** The stream was not in the state the caller expected; carries both sides so the caller can retry. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream ${stream}: expected ${describe(expected)}, found ${describe(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * Some of the appended ids are already stored, but not as this exact batch on this stream: the
 * caller reused an id for a different event.
 */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';

  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already stored, but not as part of this append to ${stream}`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * An idempotency key came back with another request than the one it was first used for (another
 * route, principal or body), or on another stream: nothing was appended.
 */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';

  constructor(readonly stream: string) {
    super('This idempotency key was first used for another request; a new request needs a new key');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The append was refused before reaching the database (bad stream name, id, or batch). */
export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
