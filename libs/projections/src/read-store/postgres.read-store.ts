import { Client, type ClientBase, escapeIdentifier, Pool, type PoolClient, types } from 'pg';
import { int8ParsedAs, migratePostgres, type PostgresMigration } from '@mandate-ledger/storage';
import type { ColumnValue, Projection } from '../projection';
import { positionText } from '../positions';
import { failureValues, GENERATION_COLUMNS, generationOf, type GenerationRow, generationsTableSql, stateAfter, tablesOfRow } from './generation-rows';
import type {
  BatchCommit,
  CommitOutcome,
  Generation,
  GenerationRef,
  LoadedRow,
  ProjectionWriter,
  ReadStore,
  SqlQuery,
  TableChanges,
  TableNames,
} from './read-store.port';
import { loadedRowOf, type StoredVersion } from './row-versions';
import { allTables, createIndexesSql, createTablesSql, dropTablesSql, insertColumns, POSTGRES_DIALECT, quote, tableNamesOf } from './sql-schema';

export interface PostgresReadStoreOptions {
  readonly connectionString: string;
  /** Schema of the read models, created if missing: by default the event store's. */
  readonly schema?: string;
  readonly poolSize?: number;
}

// Integer columns and counts are bigint in SQL and safe integers in JS (cents, counts).
const NUMBERS = int8ParsedAs(types, Number);

const MIGRATIONS: readonly PostgresMigration[] = [{ version: 1, sql: generationsTableSql(POSTGRES_DIALECT) }];

const isMissingTable = (error: unknown): boolean => (error as { code?: string }).code === '42P01';

/** `?` placeholders (both stores' queries) to `$n`. The queries of this library contain no other `?`. */
export const numberedPlaceholders = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const arrayType = (projection: Projection<unknown>, table: string, column: string): string => {
  const columns = table === '' ? projection.columns : projection.children![table].columns;
  return columns[column] === 'integer' ? 'bigint[]' : 'text[]';
};

/**
 * Read models in PostgreSQL. A generation is written by the one session holding its advisory lock
 * (the checkpoint is compared-and-set as well, in case a lock was lost with its connection); each
 * batch is one transaction of a few set-based statements (`unnest` of column arrays).
 */
export class PostgresReadStore implements ReadStore {
  readonly kind = 'postgres' as const;

  private constructor(
    private readonly pool: Pool,
    private readonly connectionString: string,
    readonly schema: string,
  ) {}

  static async open(options: PostgresReadStoreOptions): Promise<PostgresReadStore> {
    const schema = options.schema ?? 'public';
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      options: `-c search_path=${escapeIdentifier(schema)}`,
    });
    pool.on('error', () => undefined);
    try {
      await migratePostgres(pool, schema, 'projections', MIGRATIONS);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresReadStore(pool, options.connectionString, schema);
  }

  private async generationRows(sql: string, params: unknown[], db: Pool | ClientBase = this.pool): Promise<GenerationRow[]> {
    return (await db.query<GenerationRow>({ text: sql, values: params, types: NUMBERS })).rows;
  }

  async createGeneration(projection: Projection<unknown>): Promise<Generation> {
    return this.transaction(async (client) => {
      // Serializes creators of the same projection's generations.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('ml-projection-generations'), hashtext($1))`, [projection.name]);
      const { rows } = await client.query<{ next: number }>(
        'SELECT coalesce(max(generation), 0) + 1 AS next FROM projection_generations WHERE name = $1',
        [projection.name],
      );
      const next = Number(rows[0].next);
      const tables = tableNamesOf(projection, next);
      for (const sql of dropTablesSql(allTables(tables))) await client.query(sql);
      for (const sql of createTablesSql(projection, next, POSTGRES_DIALECT)) await client.query(sql);
      const now = new Date().toISOString();
      const [row] = await this.generationRows(
        `INSERT INTO projection_generations (name, generation, version, state, active, tables, created_at, updated_at)
         VALUES ($1, $2, $3, 'building', 0, $4, $5, $5) RETURNING ${GENERATION_COLUMNS}`,
        [projection.name, next, projection.version, JSON.stringify(tables), now],
        client,
      );
      return generationOf(row);
    });
  }

  async generations(name: string): Promise<Generation[]> {
    return (await this.generationRows(`SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE name = $1 ORDER BY generation`, [name])).map(generationOf);
  }

  async allGenerations(): Promise<Generation[]> {
    const rows = await this.generationRows(`SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE state <> 'retired' ORDER BY name, generation`, []);
    return rows.map(generationOf);
  }

  async activeGeneration(name: string): Promise<Generation | undefined> {
    const [row] = await this.generationRows(`SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE name = $1 AND active = 1`, [name]);
    return row && generationOf(row);
  }

  async openWriter(projection: Projection<unknown>, ref: GenerationRef): Promise<ProjectionWriter | undefined> {
    const client = new Client({
      connectionString: this.connectionString,
      options: `-c search_path=${escapeIdentifier(this.schema)}`,
      // Shows in pg_stat_activity which process projects (the lock's holder in pg_locks has this session's pid).
      application_name: `mandate-ledger projector ${process.pid}`,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      // Session-level: held until the writer closes or its connection dies (the process with it).
      const { rows } = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext($1), $2) AS locked`,
        [`ml-projection:${this.schema}.${ref.name}`, ref.generation],
      );
      const [row] = rows[0].locked
        ? await this.generationRows(`SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE name = $1 AND generation = $2`, [ref.name, ref.generation], client)
        : [];
      if (!row || row.state === 'retired') {
        await client.end();
        return undefined;
      }
      return new PostgresProjectionWriter(client, projection, ref, tablesOfRow(row));
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async dropRetired(name: string): Promise<void> {
    const rows = await this.generationRows(`SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE name = $1 AND state = 'retired'`, [name]);
    const tables = rows.flatMap((row) => allTables(tablesOfRow(row)));
    if (tables.length === 0) return;
    const { rows: existing } = await this.pool.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = ANY($2::text[])',
      [this.schema, tables],
    );
    if (existing.length === 0) return;
    await this.transaction(async (client) => {
      for (const sql of dropTablesSql(existing.map((r) => r.table_name))) await client.query(sql);
    });
  }

  async read<T>(projection: Projection<unknown>, build: (tables: TableNames) => readonly SqlQuery[]): Promise<T[][] | undefined> {
    const attempt = () =>
      this.transaction(
        async (client) => {
          const { rows } = await client.query<Pick<GenerationRow, 'tables'>>(`SELECT tables FROM projection_generations WHERE name = $1 AND active = 1`, [
            projection.name,
          ]);
          if (rows.length === 0) return undefined;
          const results: T[][] = [];
          for (const query of build(tablesOfRow(rows[0]))) {
            results.push((await client.query({ text: numberedPlaceholders(query.sql), values: [...query.params], types: NUMBERS })).rows as T[]);
          }
          return results;
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      );
    try {
      return await attempt();
    } catch (error) {
      // The generation was switched and its tables dropped between reading the pointer and the rows.
      if (!isMissingTable(error)) throw error;
      return attempt();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

class PostgresProjectionWriter implements ProjectionWriter {
  constructor(
    private readonly client: Client,
    private readonly projection: Projection<unknown>,
    readonly generation: GenerationRef,
    private readonly tables: TableNames,
  ) {}

  async load(keys: readonly string[]): Promise<Map<string, LoadedRow>> {
    const rows = new Map<string, LoadedRow>();
    if (keys.length === 0) return rows;
    if (this.projection.history !== 'system-versioned') {
      const result = await this.client.query<LoadedRow & { key: string }>(`SELECT key, doc FROM ${quote(this.tables.main)} WHERE key = ANY($1::text[])`, [keys]);
      for (const { key, ...row } of result.rows) rows.set(key, row);
      return rows;
    }
    const result = await this.client.query<StoredVersion & { key: string }>(
      `SELECT key, delta, from_position AS "fromPosition", recorded_from AS "recordedFrom", recorded_to AS "recordedTo"
       FROM ${quote(this.tables.main)} WHERE key = ANY($1::text[]) ORDER BY key, from_position`,
      [keys],
    );
    let versions: (StoredVersion & { key: string })[] = [];
    const done = () => {
      const last = versions.at(-1);
      if (last !== undefined && last.recordedTo === null) rows.set(last.key, loadedRowOf(versions));
    };
    for (const version of result.rows) {
      if (version.key !== versions[0]?.key) {
        done();
        versions = [];
      }
      versions.push(version);
    }
    done();
    return rows;
  }

  async commit(batch: BatchCommit): Promise<CommitOutcome> {
    const { name, generation } = batch.generation;
    const client = this.client;
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<GenerationRow>({
        text: `SELECT ${GENERATION_COLUMNS} FROM projection_generations WHERE name = $1 AND generation = $2 FOR UPDATE`,
        values: [name, generation],
        types: NUMBERS,
      });
      const row = rows[0];
      const refuse = (reason: 'retired' | 'checkpoint_moved'): CommitOutcome => ({ committed: false, reason, generation: row && generationOf(row) });
      let outcome: CommitOutcome;
      if (!row || row.state === 'retired') outcome = refuse('retired');
      else if (row.checkpoint !== (batch.expectedCheckpoint === undefined ? null : positionText(batch.expectedCheckpoint))) outcome = refuse('checkpoint_moved');
      else {
        for (const [table, changes] of batch.tables) await this.applyChanges(table, changes);
        const now = new Date().toISOString();
        if (batch.activate && Number(row.active) !== 1) {
          for (const sql of createIndexesSql(this.projection, generation)) await client.query(sql);
          await client.query(`UPDATE projection_generations SET active = 0, state = 'retired', updated_at = $1 WHERE name = $2 AND active = 1`, [now, name]);
        }
        const active = batch.activate || Number(row.active) === 1;
        await client.query(
          `UPDATE projection_generations
           SET checkpoint = $1, events_processed = events_processed + $2, state = $3, active = $4, updated_at = $5
           WHERE name = $6 AND generation = $7`,
          [batch.checkpoint === undefined ? null : positionText(batch.checkpoint), batch.events, stateAfter(batch, active), active ? 1 : 0, now, name, generation],
        );
        if (batch.failure) {
          await client.query(
            'UPDATE projection_generations SET error_message = $1, error_position = $2, error_event_type = $3, error_at = $4 WHERE name = $5 AND generation = $6',
            [...failureValues(batch.failure), name, generation],
          );
        }
        outcome = { committed: true };
      }
      await client.query(outcome.committed ? 'COMMIT' : 'ROLLBACK');
      return outcome;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async applyChanges(table: string, changes: TableChanges): Promise<void> {
    const child = table !== '';
    const name = quote(child ? this.tables.children[table] : this.tables.main);
    const versioned = this.projection.history === 'system-versioned';
    const keyColumns = child ? ['key', 'child_key'] : ['key'];
    const keyArrays = (rows: readonly { key: string; childKey?: string }[]) => (child ? [rows.map((r) => r.key), rows.map((r) => r.childKey!)] : [rows.map((r) => r.key)]);
    const keyUnnest = keyColumns.map((_, i) => `$${i + 1}::text[]`).join(', ');
    const keyMatch = keyColumns.map((c) => `t.${c} = d.${c}`).join(' AND ');

    if (changes.deletes.length > 0) {
      await this.client.query(`DELETE FROM ${name} t USING unnest(${keyUnnest}) AS d(${keyColumns.join(', ')}) WHERE ${keyMatch}`, keyArrays(changes.deletes));
    }
    if (changes.ends.length > 0) {
      const n = keyColumns.length;
      const ends = `unnest(${keyUnnest}, $${n + 1}::text[], $${n + 2}::text[]) AS d(${keyColumns.join(', ')}, to_position, recorded_to)`;
      const values = [...keyArrays(changes.ends), changes.ends.map((e) => e.toPosition), changes.ends.map((e) => e.recordedTo)];
      await this.client.query(
        // Only the current version keeps the whole document.
        `UPDATE ${name} t SET to_position = d.to_position, recorded_to = d.recorded_to${child ? '' : ', doc = NULL'} FROM ${ends} WHERE ${keyMatch} AND t.recorded_to IS NULL`,
        values,
      );
    }
    if (changes.inserts.length > 0) {
      const columns = child ? this.projection.children![table].columns : this.projection.columns;
      const names = insertColumns(versioned, child, columns);
      const valueNames = Object.keys(columns);
      const arrays: ColumnValue[][] = names.map(() => []);
      for (const row of changes.inserts) {
        let i = 0;
        arrays[i++].push(row.key);
        if (child) arrays[i++].push(row.childKey!);
        if (versioned) {
          arrays[i++].push(row.fromPosition!);
          arrays[i++].push(row.toPosition ?? null);
          arrays[i++].push(row.recordedFrom!);
          arrays[i++].push(row.recordedTo ?? null);
        }
        if (!child && versioned) arrays[i++].push(row.delta!);
        if (!child) arrays[i++].push(row.doc ?? null);
        for (const column of valueNames) arrays[i++].push(row.values[column] ?? null);
      }
      const casts = names.map((column, i) => `$${i + 1}::${valueNames.includes(column) ? arrayType(this.projection, table, column) : 'text[]'}`);
      const upsert =
        !versioned && !child
          ? ` ON CONFLICT (key) DO UPDATE SET ${names
              .filter((c) => c !== 'key')
              .map((c) => `${quote(c)} = excluded.${quote(c)}`)
              .join(', ')}`
          : '';
      await this.client.query(`INSERT INTO ${name} (${names.map(quote).join(', ')}) SELECT * FROM unnest(${casts.join(', ')})${upsert}`, arrays);
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
