import type { ColumnType, Columns, Projection } from '../projection';
import type { TableNames } from './read-store.port';

/** What differs between the SQL of the two read stores. */
export interface SqlDialect {
  readonly kind: 'sqlite' | 'postgres';
  readonly text: string;
  readonly integer: string;
}

export const SQLITE_DIALECT: SqlDialect = { kind: 'sqlite', text: 'TEXT', integer: 'INTEGER' };
// "C" collation: byte order, so that dates, instants and padded positions sort as text in every locale.
export const POSTGRES_DIALECT: SqlDialect = { kind: 'postgres', text: 'text COLLATE "C"', integer: 'bigint' };

export const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

const sqlType = (dialect: SqlDialect, type: ColumnType): string => (type === 'integer' ? dialect.integer : dialect.text);

/** Tables of one generation: `rm_<name>_g<generation>` and `rm_<name>_g<generation>_<child>`. */
export const tableNamesOf = (projection: Pick<Projection<unknown>, 'name' | 'children'>, generation: number): TableNames => {
  const main = `rm_${projection.name}_g${generation}`;
  const children: Record<string, string> = {};
  for (const child of Object.keys(projection.children ?? {})) children[child] = `${main}_${child}`;
  return { main, children };
};

export const allTables = (tables: TableNames): string[] => [tables.main, ...Object.values(tables.children)];

const columnsSql = (dialect: SqlDialect, columns: Columns): string[] =>
  Object.entries(columns).map(([name, type]) => `${quote(name)} ${sqlType(dialect, type)}`);

const versionColumns = (dialect: SqlDialect): string[] => [
  `from_position ${dialect.text} NOT NULL`,
  `to_position ${dialect.text}`,
  `recorded_from ${dialect.text} NOT NULL`,
  `recorded_to ${dialect.text}`,
];

/**
 * Tables of a generation. System-versioned tables keep every version, keyed by the position of the
 * event that began it, with what changed in the row's document since the version before (`delta`,
 * see `runtime/row-deltas.ts`); only the current version also holds the whole document (`doc`). In SQLite that key is a unique index built when the generation has caught
 * up (`versionKeysSql`), so that a rebuild only appends rows; the ends of versions written by
 * earlier batches wait in a table of their own until then (`pendingEndTargetsSql`).
 */
export const createTablesSql = (projection: Projection<unknown>, generation: number, dialect: SqlDialect): string[] => {
  const names = tableNamesOf(projection, generation);
  const versioned = projection.history === 'system-versioned';
  const keyLater = versioned && dialect.kind === 'sqlite';
  const primaryKey = (columns: string) => (keyLater ? [] : [`PRIMARY KEY (${columns})`]);
  const main = [
    `key ${dialect.text} NOT NULL`,
    ...(versioned ? versionColumns(dialect) : []),
    ...(versioned ? [`delta ${dialect.text} NOT NULL`, `doc ${dialect.text}`] : [`doc ${dialect.text} NOT NULL`]),
    ...columnsSql(dialect, projection.columns),
    ...primaryKey(versioned ? 'key, from_position' : 'key'),
  ];
  const statements = [`CREATE TABLE ${quote(names.main)} (\n  ${main.join(',\n  ')}\n)`];
  for (const [child, table] of Object.entries(projection.children ?? {})) {
    const columns = [
      `key ${dialect.text} NOT NULL`,
      `child_key ${dialect.text} NOT NULL`,
      ...(versioned ? versionColumns(dialect) : []),
      ...columnsSql(dialect, table.columns),
      ...primaryKey(versioned ? 'key, child_key, from_position' : 'key, child_key'),
    ];
    statements.push(`CREATE TABLE ${quote(names.children[child])} (\n  ${columns.join(',\n  ')}\n)`);
  }
  if (keyLater) {
    // Ends of versions written by earlier batches, applied when the generation goes live.
    statements.push(`CREATE TABLE ${quote(pendingEndsTable(names))} (
  tbl ${dialect.text} NOT NULL,
  key ${dialect.text} NOT NULL,
  child_key ${dialect.text},
  to_position ${dialect.text} NOT NULL,
  recorded_to ${dialect.text} NOT NULL
)`);
  }
  return statements;
};

/** SQLite, system-versioned: where a generation being built keeps the ends of its earlier batches' versions. */
export const pendingEndsTable = (tables: TableNames): string => `${tables.main}__ends`;

const loadIndex = (tables: TableNames): string => `${tables.main}__load`;

/**
 * SQLite, system-versioned: what the projector's loads need while a generation is being built (its
 * rows and pending ends by key), created by the first load, when a build resumes or outgrows the
 * projector's cache; a rebuild that needs no load never maintains them.
 */
export const loadIndexesSql = (tables: TableNames): string[] => [
  `CREATE INDEX IF NOT EXISTS ${quote(loadIndex(tables))} ON ${quote(tables.main)} (key, from_position)`,
  `CREATE INDEX IF NOT EXISTS ${quote(`${pendingEndsTable(tables)}_key`)} ON ${quote(pendingEndsTable(tables))} (tbl, key, to_position)`,
];

/** SQLite, system-versioned: each table's key over all its versions, unique as a primary key would be. */
export const versionKeysSql = (projection: Projection<unknown>, generation: number): string[] => {
  const names = tableNamesOf(projection, generation);
  return [
    `CREATE UNIQUE INDEX IF NOT EXISTS ${quote(`${names.main}__versions`)} ON ${quote(names.main)} (key, from_position)`,
    ...Object.values(names.children).map((table) => `CREATE UNIQUE INDEX IF NOT EXISTS ${quote(`${table}__versions`)} ON ${quote(table)} (key, child_key, from_position)`),
  ];
};

const END_TARGETS_TABLE = 'end_targets';
/** SQLite: the temporary table of `pendingEndTargetsSql`. */
export const END_TARGETS = `temp.${END_TARGETS_TABLE}`;

/**
 * SQLite, system-versioned, once the keys exist: every pending end beside the version it closes
 * (the last of its row that began before it), in a temporary table of this connection indexed by
 * that version's rowid, so that `applyEndTargetsSql` can apply them a range of rowids at a time: each
 * page of a table is then rewritten once, however its versions' ends are spread over the pending
 * table. Writes nothing but the temporary table.
 */
export const pendingEndTargetsSql = (projection: Projection<unknown>, generation: number): string[] => {
  const names = tableNamesOf(projection, generation);
  const ends = quote(pendingEndsTable(names));
  const statements = [
    `DROP TABLE IF EXISTS ${END_TARGETS}`,
    `CREATE TEMP TABLE ${END_TARGETS_TABLE} (tbl TEXT NOT NULL, id INTEGER, pending_id INTEGER NOT NULL, to_position TEXT NOT NULL, recorded_to TEXT NOT NULL)`,
  ];
  for (const [child, table] of versionedTables(names)) {
    const sameRow = child === '' ? 'w.key = e.key' : 'w.key = e.key AND w.child_key = e.child_key';
    statements.push(
      `INSERT INTO ${END_TARGETS} (tbl, id, pending_id, to_position, recorded_to)
         SELECT e.tbl, (SELECT w.rowid FROM ${quote(table)} w WHERE ${sameRow} AND w.from_position < e.to_position ORDER BY w.from_position DESC LIMIT 1),
                e.rowid, e.to_position, e.recorded_to
         FROM ${ends} e WHERE e.tbl = '${child}'`,
    );
  }
  statements.push(`CREATE INDEX ${END_TARGETS}_id ON ${END_TARGETS_TABLE} (tbl, id)`);
  return statements;
};

/** The main table (`''`) and each child table, by the name pending ends give them. */
export const versionedTables = (names: TableNames): [string, string][] => [['', names.main], ...Object.entries(names.children)];

/**
 * SQLite: for one table (parameters: its name among pending ends, then a range `(after, upto]` of
 * rowids), the statements that apply the ends targeting those rows and forget them.
 */
export const applyEndTargetsSql = (tables: TableNames, child: string, table: string): { readonly update: string; readonly forget: string } => {
  const name = quote(table);
  return {
    update: `UPDATE ${name} SET to_position = t.to_position, recorded_to = t.recorded_to
             FROM ${END_TARGETS} t WHERE t.tbl = '${child}' AND t.id > ? AND t.id <= ? AND ${name}.rowid = t.id`,
    forget: `DELETE FROM ${quote(pendingEndsTable(tables))} WHERE rowid IN (SELECT pending_id FROM ${END_TARGETS} WHERE tbl = '${child}' AND id > ? AND id <= ?)`,
  };
};

/** SQLite, system-versioned, once every pending end is applied: the generation writes in place from then on. */
export const dropPendingEndsSql = (tables: TableNames): string[] => [`DROP INDEX IF EXISTS ${quote(loadIndex(tables))}`, `DROP TABLE ${quote(pendingEndsTable(tables))}`];

/**
 * The indexes queries use, created when the generation goes live (in the commit that makes it
 * live, or in SQLite's append-only builds just before it, each in a transaction of its own): a
 * rebuild writes its rows without maintaining them, which is faster than keeping them up to date
 * row by row. They cover current versions only, which is what most queries read
 * (`asKnownAt` queries scan the versions instead). The unique index on current keys also checks,
 * before the switch, that every row has exactly one current version.
 */
export const createIndexesSql = (projection: Projection<unknown>, generation: number): string[] => {
  const names = tableNamesOf(projection, generation);
  const versioned = projection.history === 'system-versioned';
  const current = versioned ? ' WHERE recorded_to IS NULL' : '';
  const statements: string[] = [];
  if (versioned) statements.push(`CREATE UNIQUE INDEX IF NOT EXISTS ${quote(`${names.main}_current`)} ON ${quote(names.main)} (key) WHERE recorded_to IS NULL`);
  const indexes = (table: string, lists: readonly (readonly string[])[] | undefined) =>
    (lists ?? []).forEach((columns, i) =>
      statements.push(`CREATE INDEX IF NOT EXISTS ${quote(`${table}_i${i}`)} ON ${quote(table)} (${columns.map(quote).join(', ')})${current}`),
    );
  indexes(names.main, projection.indexes);
  for (const [child, table] of Object.entries(projection.children ?? {})) indexes(names.children[child], table.indexes);
  return statements;
};

export const dropTablesSql = (tables: readonly string[]): string[] => tables.map((table) => `DROP TABLE IF EXISTS ${quote(table)}`);

/** Columns of a table in insertion order, as the stores write them. */
export const insertColumns = (versioned: boolean, child: boolean, columns: Columns): string[] => [
  'key',
  ...(child ? ['child_key'] : []),
  ...(versioned ? ['from_position', 'to_position', 'recorded_from', 'recorded_to'] : []),
  ...(child ? [] : versioned ? ['delta', 'doc'] : ['doc']),
  ...Object.keys(columns),
];
