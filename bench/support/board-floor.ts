import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { type MandateEvent, mandateDecider, type MandateState } from '@mandate-ledger/domain';
import type { EventStore, StoredEvent } from '@mandate-ledger/event-store';
import { mandateIdOf } from '@mandate-ledger/projections';
import { quote } from '../../libs/projections/src/read-store/sql-schema';

const seconds = (start: number): number => (performance.now() - start) / 1000;

/**
 * Seconds SQLite alone takes to write a rebuilt generation's rows and build its indexes: each table
 * copied with `INSERT … SELECT` into a fresh file (the read store's pragmas), then every index of
 * the generation created, all in SQLite's own code. Any rebuild writes at least that.
 */
export const sqliteWriteSeconds = (readStorePath: string, tables: readonly string[], scratchPath: string): number => {
  const db = new Database(scratchPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.prepare('ATTACH DATABASE ? AS built').run(readStorePath);
    const schema = (type: 'table' | 'index') =>
      db.prepare(`SELECT sql FROM built.sqlite_master WHERE type = ? AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`).pluck().all(type, ...tables) as string[];
    const [creates, indexes] = [schema('table'), schema('index')];
    if (creates.length !== tables.length) throw new Error(`found ${creates.length} of the ${tables.length} tables of the generation`);
    const start = performance.now();
    db.transaction(() => {
      creates.forEach((sql) => db.exec(sql));
      for (const table of tables) db.exec(`INSERT INTO main.${quote(table)} SELECT * FROM built.${quote(table)}`);
    }).immediate();
    db.transaction(() => indexes.forEach((sql) => db.exec(sql))).immediate();
    return seconds(start);
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${scratchPath}${suffix}`, { force: true });
  }
};

/**
 * Reads the whole global log through the port, in the projector's batches of 10,000, handing each
 * batch to `onBatch`; returns the number of events read. The raw read and the fold below share it,
 * so that the fold's time holds exactly the raw read's.
 */
export const readWholeLog = async (store: EventStore, onBatch: (batch: readonly StoredEvent[]) => void = () => undefined): Promise<number> => {
  let read = 0;
  for (let after: bigint | undefined, batch = await store.readAll({ maxCount: 10_000 }); batch.length > 0; batch = await store.readAll({ after, maxCount: 10_000 })) {
    onBatch(batch);
    read += batch.length;
    after = batch[batch.length - 1].position;
  }
  return read;
};

/**
 * Seconds to read the whole log as the raw read does and fold every mandate's events with the
 * decider's `evolve`, in memory, writing nothing: the board holds the decider's state, so any
 * rebuild does at least this much before it writes.
 */
export const readAndFoldSeconds = async (store: EventStore): Promise<number> => {
  const start = performance.now();
  const states = new Map<string, MandateState>();
  await readWholeLog(store, (batch) => {
    for (const event of batch) {
      const id = mandateIdOf(event);
      if (id === undefined) continue;
      states.set(id, mandateDecider.evolve(states.get(id) ?? mandateDecider.initialState(), { type: event.type, schemaVersion: event.schemaVersion, data: event.data } as unknown as MandateEvent));
    }
  });
  return seconds(start);
};
