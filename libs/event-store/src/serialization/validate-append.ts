import { InvalidAppendError } from '../event-store.errors';
import type { EventToAppend, ExpectedRevision } from '../event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// `<category>-<id>` with no dash in the category: EventStoreDB derives the category from the first dash.
const STREAM = /^[a-z][a-z0-9_]*-[A-Za-z0-9_.:-]+$/;

/** Checks what every adapter must refuse before touching its database. */
export const validateAppend = (
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  maxBatch: number,
): void => {
  if (!STREAM.test(stream) || stream.length > 200) {
    throw new InvalidAppendError(`Stream name "${stream}" is not <category>-<id>`);
  }
  if (events.length === 0) throw new InvalidAppendError('An append needs at least one event');
  if (events.length > maxBatch) {
    throw new InvalidAppendError(`An append holds at most ${maxBatch} events, got ${events.length}`);
  }
  if (typeof expected === 'bigint' && expected < 0n) {
    throw new InvalidAppendError(`Expected revision must be >= 0, got ${expected}`);
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new InvalidAppendError(`Event id "${event.id}" is not a lower-case UUID`);
    if (seen.has(event.id)) throw new InvalidAppendError(`Event id ${event.id} appears twice in one append`);
    seen.add(event.id);
    if (!event.type) throw new InvalidAppendError('Event type is empty');
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(`schemaVersion of ${event.type} must be a positive integer`);
    }
    const problem = unstorableJson(event.data, '$.data') ?? unstorableJson(event.metadata, '$.metadata');
    if (problem) throw new InvalidAppendError(`Event ${event.id} (${event.type}): ${problem}`);
  }
};

// U+0000 and lone surrogates: PostgreSQL's jsonb refuses them and canonical JSON (RFC 8785) cannot
// hash them, so every adapter refuses them alike instead of one store accepting what another cannot.
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first value of `value` that is not portable JSON, with its path, or undefined. */
const unstorableJson = (value: unknown, path: string): string | undefined => {
  if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? `${path} holds U+0000 or a lone surrogate` : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} is not a finite number`;
  if (value === null || typeof value === 'boolean') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = unstorableJson(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined) continue;
      const problem = unstorableJson(key, `${path} key`) ?? unstorableJson(member, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  }
  return `${path} is a ${typeof value}, not JSON`;
};
