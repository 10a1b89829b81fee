import type { ExpectedRevision } from '../event-store.port';

/** Whether a stream whose last revision is `last` (null: no stream) meets the expectation. */
export const satisfies = (expected: ExpectedRevision, last: bigint | null): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return last === null;
    case 'stream_exists':
      return last !== null;
    default:
      return last === expected;
  }
};
