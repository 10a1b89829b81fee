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
 * event that began it.
 */
export const createTablesSql = (projection: Projection<unknown>, generation: number, dialect: SqlDialect): string[] => {
  const names = tableNamesOf(projection, generation);
  const versioned = projection.history === 'system-versioned';
  const main = [
    `key ${dialect.text} NOT NULL`,
    ...(versioned ? versionColumns(dialect) : []),
    `doc ${dialect.text} NOT NULL`,
    ...columnsSql(dialect, projection.columns),
    versioned ? 'PRIMARY KEY (key, from_position)' : 'PRIMARY KEY (key)',
  ];
  const statements = [`CREATE TABLE ${quote(names.main)} (\n  ${main.join(',\n  ')}\n)`];
  for (const [child, table] of Object.entries(projection.children ?? {})) {
    const columns = [
      `key ${dialect.text} NOT NULL`,
      `child_key ${dialect.text} NOT NULL`,
      ...(versioned ? versionColumns(dialect) : []),
      ...columnsSql(dialect, table.columns),
      versioned ? 'PRIMARY KEY (key, child_key, from_position)' : 'PRIMARY KEY (key, child_key)',
    ];
    statements.push(`CREATE TABLE ${quote(names.children[child])} (\n  ${columns.join(',\n  ')}\n)`);
  }
  return statements;
};

/**
 * The indexes queries use, created when the generation goes live (in the commit that makes it
 * live): a rebuild writes its rows without maintaining them, which is faster than keeping them up
 * to date row by row. They cover current versions only, which is what most queries read
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
  ...(child ? [] : ['doc']),
  ...Object.keys(columns),
];
