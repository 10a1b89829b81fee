import type { ColumnValue } from '../projection';
import type { SqlQuery } from './read-store.port';
import { quote } from './sql-schema';

/** A fragment of SQL with its parameters in order; compose with the `sql` tag. */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly ColumnValue[],
  ) {}

  get query(): SqlQuery {
    return { sql: this.text, params: this.params };
  }
}

/** `sql\`a = ${value}\``: values become `?` placeholders, nested fragments are inlined. */
export const sql = (strings: TemplateStringsArray, ...values: readonly (ColumnValue | Sql)[]): Sql => {
  let text = strings[0];
  const params: ColumnValue[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return new Sql(text, params);
};

/** Trusted SQL text without parameters (an alias, a column reference). */
export const raw = (text: string): Sql => new Sql(text, []);

/** A quoted identifier (a table name of a generation). */
export const identifier = (name: string): Sql => new Sql(quote(name), []);

export const joinSql = (parts: readonly Sql[], separator: string): Sql =>
  new Sql(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.params),
  );

export const listSql = (values: readonly ColumnValue[]): Sql => joinSql(values.map((v) => sql`${v}`), ', ');

/**
 * Which version of a row of a system-versioned table a query reads: the current one, or the one
 * that was current at `asKnownAt` (an ISO instant with milliseconds, as the store records them).
 */
export const versionAt = (alias: string, asKnownAt: string | undefined): Sql =>
  asKnownAt === undefined
    ? new Sql(`${alias}.recorded_to IS NULL`, [])
    : new Sql(`${alias}.recorded_from <= ? AND (${alias}.recorded_to IS NULL OR ${alias}.recorded_to > ?)`, [asKnownAt, asKnownAt]);
