import type { StoredEvent } from '@mandate-ledger/event-store';

/**
 * Column types every read store maps to its own SQL: `text`, `integer` (a safe JS integer) and
 * `date` (a calendar date `YYYY-MM-DD`, stored as text so that text order is date order).
 */
export type ColumnType = 'text' | 'integer' | 'date';
export type ColumnValue = string | number | null;
export type Columns = Readonly<Record<string, ColumnType>>;
export type ColumnValues = Readonly<Record<string, ColumnValue>>;

/**
 * Rows of a list that queries must filter on (communes, mission types, suspension intervals): one
 * SQL row per element, joined to its parent row by key. A child row is identified by its values,
 * so `rowsOf` returning the same values again writes nothing.
 */
export interface ChildTable<Row> {
  readonly columns: Columns;
  /** Column lists to index (each becomes one index). */
  readonly indexes?: readonly (readonly string[])[];
  rowsOf(row: Row): readonly ColumnValues[];
  /**
   * Whether `row` has the child rows `previous` had, because the parts of it `rowsOf` reads are the
   * very same values: its rows are then neither computed nor compared again. Optional.
   */
  sameRows?(row: Row, previous: Row): boolean;
}

/**
 * `current`: one SQL row per key, updated in place. `system-versioned`: every version of a row is
 * kept with the `recordedAt` range it was current for, so queries can answer `asKnownAt` without
 * replaying the log; a version stores its columns and child rows, and of its document only what
 * changed since the version before (a row's document is folded from its versions when read).
 */
export type RowHistory = 'current' | 'system-versioned';

/**
 * A read model as a pure fold over the global log. Rows are keyed JSON documents: `keysOf` names
 * the rows an event touches and `evolve` computes each one's next value (`undefined` deletes it).
 * The runtime owns all I/O, the checkpoint and the transactions; bumping `version` rebuilds the
 * read model beside the old one.
 */
export interface Projection<Row = unknown> {
  /** Lower-case SQL identifier, also the prefix of its tables. */
  readonly name: string;
  readonly version: number;
  readonly history: RowHistory;
  /**
   * `stored`: the events exactly as stored, never lifted by the domain's upcasters (what their leaves
   * hash: a history an auditor verifies). By default a projection sees every event in its latest shape.
   */
  readonly reads?: 'stored';
  /** The keys of the rows `event` changes; none for events this read model ignores. */
  keysOf(event: StoredEvent): readonly string[];
  /**
   * Throwing stops the projection with the error recorded: an event is never skipped silently.
   * Rows are values: `evolve` returns a new row (sharing what did not change) rather than modifying
   * the one it is given, and returning that very row means nothing changed.
   */
  evolve(row: Row | undefined, event: StoredEvent, key: string): Row | undefined;
  /** Filterable columns extracted from each row, stored beside its JSON. */
  readonly columns: Columns;
  columnsOf(row: Row): ColumnValues;
  readonly indexes?: readonly (readonly string[])[];
  readonly children?: Readonly<Record<string, ChildTable<Row>>>;
}

/** Thrown by `evolve` (or raised around it) for an event the projection cannot apply. */
export class ProjectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectionError';
  }
}

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const RESERVED = new Set(['key', 'doc', 'delta', 'from_position', 'to_position', 'recorded_from', 'recorded_to', 'child_key']);

/** Refuses names that could not be SQL identifiers or that clash with the runtime's own columns. */
export const validateProjection = (projection: Projection<unknown>): void => {
  const problems: string[] = [];
  const check = (what: string, name: string) => {
    if (!IDENTIFIER.test(name)) problems.push(`${what} "${name}" is not a lower-case identifier`);
    if (RESERVED.has(name)) problems.push(`${what} "${name}" is reserved by the runtime`);
  };
  if (!IDENTIFIER.test(projection.name)) problems.push(`name "${projection.name}" is not a lower-case identifier`);
  if (!Number.isSafeInteger(projection.version) || projection.version < 1) problems.push('version must be a positive integer');
  Object.keys(projection.columns).forEach((c) => check('column', c));
  for (const [child, table] of Object.entries(projection.children ?? {})) {
    check('child table', child);
    Object.keys(table.columns).forEach((c) => check(`column of ${child}`, c));
  }
  if (problems.length > 0) throw new Error(`Projection ${projection.name}: ${problems.join('; ')}`);
};
