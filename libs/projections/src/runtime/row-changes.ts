import type { StoredEvent } from '@mandate-ledger/event-store';
import type { ChildTable, ColumnValues, Projection } from '../projection';
import { paddedPosition } from '../positions';
import type { EndRow, InsertRow, LoadedRow, TableChanges } from '../read-store/read-store.port';
import { deltaOf, documentTextOf, type MemberTexts, memberTextsOf } from './row-deltas';
import { type JsonMembers, rowJsonOf } from './row-json';

/** A row as the projector knows it: its value, its stored text, filter columns and child rows. */
export interface RowState {
  readonly doc: unknown;
  /** Current tables: the row's JSON, and where its members lie in it for the next version to copy those it shares. */
  readonly json?: string;
  readonly members?: JsonMembers;
  /** System-versioned tables: each member's JSON, and what this version stores (what changed since the version before). */
  readonly texts?: MemberTexts;
  readonly delta?: string;
  /** When its current version began (system-versioned tables). */
  readonly recordedFrom?: string;
  /** The position that began its current version, when this projector wrote it (system-versioned tables). */
  readonly fromPosition?: string;
  readonly values: ColumnValues;
  /** Per child table: child key → values. */
  readonly children: ReadonlyMap<string, ReadonlyMap<string, ColumnValues>>;
  /** Per child table: the array `rowsOf` returned, to reuse the map when it returns the same one. */
  readonly childRows: ReadonlyMap<string, readonly ColumnValues[]>;
}

/** The value `evolve` computed for one key, before it is applied. */
export interface RowUpdate {
  readonly key: string;
  readonly next: RowState | undefined;
}

interface OpenVersion {
  readonly fromPosition: string;
  readonly recordedFrom: string;
  toPosition?: string;
  recordedTo?: string;
}

interface PendingRow extends OpenVersion {
  readonly delta: string;
  readonly texts: MemberTexts;
  readonly values: ColumnValues;
}

interface PendingChild extends OpenVersion {
  readonly childKey: string;
  readonly values: ColumnValues;
}

interface KeyChanges {
  readonly base: RowState | undefined;
  current: RowState | undefined;
  baseEnd?: { toPosition: string; recordedTo: string };
  readonly versions: PendingRow[];
  /** Made when a child row first changes. */
  childEnds?: Map<string, Map<string, { toPosition: string; recordedTo: string }>>;
  childInserts?: Map<string, PendingChild[]>;
}

const NO_ROWS: ReadonlyMap<string, ColumnValues> = new Map();

const childKeyOf = (values: ColumnValues, columns: readonly string[]): string => JSON.stringify(columns.map((c) => values[c] ?? null));

interface ChildTablePlan {
  readonly name: string;
  readonly table: ChildTable<unknown>;
  readonly columns: readonly string[];
}

const CHILD_TABLES = new WeakMap<Projection<unknown>, readonly ChildTablePlan[]>();

/** The projection's child tables with their column lists, worked out once per projection. */
const childTablesOf = (projection: Projection<unknown>): readonly ChildTablePlan[] => {
  let plans = CHILD_TABLES.get(projection);
  if (plans === undefined) {
    plans = Object.entries(projection.children ?? {}).map(([name, table]) => ({ name, table, columns: Object.keys(table.columns) }));
    CHILD_TABLES.set(projection, plans);
  }
  return plans;
};

/** Child rows and columns of `doc`, reusing `previous`'s child rows where `sameRows` says none changed (most events). */
const derivedOf = (projection: Projection<unknown>, doc: unknown, previous?: RowState): Pick<RowState, 'values' | 'children' | 'childRows'> => {
  const tables = childTablesOf(projection);
  if (previous !== undefined && tables.every(({ table }) => table.sameRows?.(doc, previous.doc) === true)) {
    return { values: projection.columnsOf(doc), children: previous.children, childRows: previous.childRows };
  }
  const children = new Map<string, ReadonlyMap<string, ColumnValues>>();
  const childRows = new Map<string, readonly ColumnValues[]>();
  for (const { name, table, columns } of tables) {
    if (previous !== undefined && table.sameRows?.(doc, previous.doc) === true) {
      childRows.set(name, previous.childRows.get(name)!);
      children.set(name, previous.children.get(name)!);
      continue;
    }
    const list = table.rowsOf(doc);
    childRows.set(name, list);
    const same = previous?.childRows.get(name) === list ? previous?.children.get(name) : undefined;
    if (same) {
      children.set(name, same);
      continue;
    }
    const rows = new Map<string, ColumnValues>();
    for (const values of list) rows.set(childKeyOf(values, columns), values);
    children.set(name, rows);
  }
  return { values: projection.columnsOf(doc), children, childRows };
};

/**
 * A row's state from the value `evolve` returned: the pure part of a projection, run before any
 * write. `previous` itself when the row's text is the same (nothing to write).
 */
export const rowStateOf = (projection: Projection<unknown>, doc: unknown, previous?: RowState): RowState => {
  if (projection.history === 'system-versioned') {
    const texts = memberTextsOf(doc, previous && { doc: previous.doc, texts: previous.texts! });
    const delta = deltaOf(texts, previous?.texts);
    if (delta === undefined && previous !== undefined) return previous;
    return { doc, texts, delta, ...derivedOf(projection, doc, previous) };
  }
  const { json, members } = rowJsonOf(doc, previous && { doc: previous.doc, json: previous.json!, members: previous.members });
  if (previous !== undefined && previous.json === json) return previous;
  return { doc, json, members, ...derivedOf(projection, doc, previous) };
};

/** The state of a row as stored (its document folded from its versions, if system-versioned). */
export const rowStateOfLoaded = (projection: Projection<unknown>, loaded: LoadedRow): RowState => {
  const doc = JSON.parse(loaded.doc) as unknown;
  const stored =
    projection.history === 'system-versioned' ? { texts: memberTextsOf(doc), recordedFrom: loaded.recordedFrom } : { json: loaded.doc };
  return { doc, ...stored, ...derivedOf(projection, doc) };
};

/**
 * The effect of one batch on the rows it touched, kept in memory until the batch commits. For
 * system-versioned projections every change closes the current version at the event's
 * `recordedAt` and opens a new one, which stores only what changed (`deltaOf`). A version closed at
 * the instant it was opened (two events of one append) is kept: no instant falls within it, so no
 * query reads it, and the version after it is stored as a change from it. So the rows never depend
 * on where batches were cut.
 */
export class RowChanges {
  private readonly keys = new Map<string, KeyChanges>();
  private readonly versioned: boolean;

  constructor(private readonly projection: Projection<unknown>) {
    this.versioned = projection.history === 'system-versioned';
  }

  get size(): number {
    return this.keys.size;
  }

  /** Whether an event of this batch touched `key`. */
  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** The row as of the events of this batch applied so far to `key` (see `has`). */
  current(key: string): RowState | undefined {
    return this.keys.get(key)?.current;
  }

  /** `base` is the committed row, read only the first time the batch touches the key. */
  apply(event: StoredEvent, base: RowState | undefined, update: RowUpdate): void {
    let changes = this.keys.get(update.key);
    if (!changes) {
      changes = { base, current: base, versions: [] };
      this.keys.set(update.key, changes);
    }
    const previous = changes.current;
    const next = update.next;
    if (previous === next) return;
    if (!this.versioned) {
      changes.current = next;
      return;
    }
    const position = paddedPosition(event.position);
    // Clamped: a version never begins before the one it replaces, even if clocks stepped back.
    const at = previous?.recordedFrom !== undefined && previous.recordedFrom > event.recordedAt ? previous.recordedFrom : event.recordedAt;
    if (previous !== undefined) {
      const open = changes.versions.at(-1);
      if (open) close(open, position, at);
      else changes.baseEnd = { toPosition: position, recordedTo: at };
    }
    if (next !== undefined) changes.versions.push({ fromPosition: position, recordedFrom: at, delta: next.delta!, texts: next.texts!, values: next.values });
    for (const table of Object.keys(this.projection.children ?? {})) {
      const before = previous?.children.get(table) ?? NO_ROWS;
      const after = next?.children.get(table) ?? NO_ROWS;
      if (before === after) continue;
      changes.childInserts ??= new Map();
      let inserts = changes.childInserts.get(table);
      if (!inserts) changes.childInserts.set(table, (inserts = []));
      for (const childKey of before.keys()) {
        if (after.has(childKey)) continue;
        const open = findOpen(inserts, childKey);
        if (open) close(open, position, at);
        else {
          changes.childEnds ??= new Map();
          let ends = changes.childEnds.get(table);
          if (!ends) changes.childEnds.set(table, (ends = new Map()));
          ends.set(childKey, { toPosition: position, recordedTo: at });
        }
      }
      for (const [childKey, values] of after) {
        if (!before.has(childKey)) inserts.push({ childKey, fromPosition: position, recordedFrom: at, values });
      }
    }
    changes.current = next === undefined ? undefined : { ...next, recordedFrom: at, fromPosition: position };
  }

  /** The SQL-level changes, table by table (`''` is the main table). */
  tableChanges(): Map<string, TableChanges> {
    const tables = new Map<string, TableChanges>();
    const table = (name: string): TableChanges => {
      let changes = tables.get(name);
      if (!changes) tables.set(name, (changes = { deletes: [], ends: [], inserts: [] }));
      return changes;
    };
    for (const [key, changes] of this.keys) {
      if (this.versioned) this.versionedChanges(key, changes, table);
      else this.currentChanges(key, changes, table);
    }
    return tables;
  }

  /** The committed state of every touched row after this batch (for the projector's cache). */
  *results(): IterableIterator<[string, RowState | undefined]> {
    for (const [key, changes] of this.keys) yield [key, changes.current];
  }

  private versionedChanges(key: string, changes: KeyChanges, table: (name: string) => TableChanges): void {
    if (changes.baseEnd) table('').ends.push({ key, ...changes.baseEnd });
    for (const version of changes.versions) table('').inserts.push(new VersionInsert(key, version));
    for (const [name, ends] of changes.childEnds ?? []) {
      const target = table(name).ends;
      for (const [childKey, end] of ends) target.push({ key, childKey, ...end } satisfies EndRow);
    }
    for (const [name, inserts] of changes.childInserts ?? []) {
      if (inserts.length === 0) continue;
      const target = table(name).inserts;
      for (const child of inserts) {
        target.push({
          key,
          childKey: child.childKey,
          fromPosition: child.fromPosition,
          toPosition: child.toPosition ?? null,
          recordedFrom: child.recordedFrom,
          recordedTo: child.recordedTo ?? null,
          values: child.values,
        } satisfies InsertRow);
      }
    }
  }

  private currentChanges(key: string, changes: KeyChanges, table: (name: string) => TableChanges): void {
    const { base, current } = changes;
    if (base?.json === current?.json) return;
    if (current === undefined) table('').deletes.push({ key });
    else table('').inserts.push({ key, doc: current.json, values: current.values });
    for (const name of Object.keys(this.projection.children ?? {})) {
      const before = base?.children.get(name) ?? new Map<string, ColumnValues>();
      const after = current?.children.get(name) ?? new Map<string, ColumnValues>();
      for (const childKey of before.keys()) if (!after.has(childKey)) table(name).deletes.push({ key, childKey });
      for (const [childKey, values] of after) if (!before.has(childKey)) table(name).inserts.push({ key, childKey, values });
    }
  }
}

/**
 * A version to insert. Its whole document, which only the version still current when the batch
 * commits has, is written by the stores that keep current documents as they go (not SQLite's
 * append-only builds): computed only if read.
 */
class VersionInsert implements InsertRow {
  readonly fromPosition: string;
  readonly toPosition: string | null;
  readonly recordedFrom: string;
  readonly recordedTo: string | null;
  readonly delta: string;
  readonly values: ColumnValues;
  private readonly texts: MemberTexts;

  constructor(
    readonly key: string,
    version: PendingRow,
  ) {
    this.fromPosition = version.fromPosition;
    this.toPosition = version.toPosition ?? null;
    this.recordedFrom = version.recordedFrom;
    this.recordedTo = version.recordedTo ?? null;
    this.delta = version.delta;
    this.values = version.values;
    this.texts = version.texts;
  }

  get doc(): string | undefined {
    return this.recordedTo === null ? documentTextOf(this.texts) : undefined;
  }
}

const findOpen = (versions: readonly PendingChild[], childKey: string): PendingChild | undefined => {
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i];
    if (version.childKey === childKey && version.recordedTo === undefined) return version;
  }
  return undefined;
};

/** Ends an in-memory version. */
const close = (version: OpenVersion, position: string, at: string): void => {
  version.toPosition = position;
  version.recordedTo = at;
};
