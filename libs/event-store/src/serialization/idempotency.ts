import { DuplicateEventIdError } from '../event-store.errors';
import type { AppendResult, EventToAppend } from '../event-store.port';

/** Where an already stored event id lives. */
export interface StoredIdentity {
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/**
 * Decides what a retried append returns when its ids are already stored: the original result,
 * marked `alreadyStored`, if the whole batch is stored, on this stream, in this order and
 * contiguously; otherwise the ids were reused for something else and the append is refused.
 */
export const originalResultOf = (
  stream: string,
  events: readonly EventToAppend[],
  stored: readonly StoredIdentity[],
): AppendResult => {
  const byId = new Map(stored.map((s) => [s.id, s]));
  const first = byId.get(events[0].id);
  events.forEach((event, index) => {
    const found = byId.get(event.id);
    if (!found || !first || found.stream !== stream || found.revision !== first.revision + BigInt(index)) {
      throw new DuplicateEventIdError(stream, event.id);
    }
  });
  const last = byId.get(events[events.length - 1].id)!;
  return { revision: last.revision, position: last.position, alreadyStored: true };
};
