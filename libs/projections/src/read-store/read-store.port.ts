import type { ColumnValue, ColumnValues, Projection } from '../projection';

/** Injection token for the configured {@link ReadStore}. */
export const READ_STORE = Symbol('READ_STORE');

/**
 * `building`: not yet serving queries; `live`: the one queries read; `failed`: stopped on an event it
 * could not apply (still serving queries if it was live); `retired`: replaced, tables dropped.
 */
export type GenerationState = 'building' | 'live' | 'failed' | 'retired';

/** Why a projection stopped: the error, and the event it could not apply. */
export interface ProjectionFailure {
  readonly message: string;
  readonly position: bigint;
  readonly eventType: string;
  readonly at: string;
}

/**
 * One build of a projection into tables of its own. Bumping the version (or `projections rebuild`)
 * starts a new generation beside the live one; it replaces it once caught up.
 */
export interface Generation {
  readonly name: string;
  readonly generation: number;
  readonly version: number;
  /** Last position applied; `undefined` before the first event. */
  readonly checkpoint: bigint | undefined;
  readonly eventsProcessed: number;
  readonly state: GenerationState;
  /** Whether queries read this generation. */
  readonly active: boolean;
  readonly createdAt: string;
  /** When a batch was last committed (liveness of whoever builds it). */
  readonly updatedAt: string;
  readonly lastError: ProjectionFailure | undefined;
}

export interface GenerationRef {
  readonly name: string;
  readonly generation: number;
}

/** The SQL names of a generation's tables: `main` and one per child table. */
export interface TableNames {
  readonly main: string;
  readonly children: Readonly<Record<string, string>>;
}

/** A row as loaded for the projector: its JSON (folded from its versions' deltas) and, when system-versioned, when its version began. */
export interface LoadedRow {
  readonly doc: string;
  readonly recordedFrom?: string;
}

/** The end of a current version (system-versioned tables). */
export interface EndRow {
  readonly key: string;
  readonly childKey?: string;
  readonly toPosition: string;
  readonly recordedTo: string;
}

export interface InsertRow {
  readonly key: string;
  readonly childKey?: string;
  /** System-versioned tables only. */
  readonly fromPosition?: string;
  readonly toPosition?: string | null;
  readonly recordedFrom?: string;
  readonly recordedTo?: string | null;
  /**
   * Main table only: the row's JSON; in a system-versioned table, the whole document of the version
   * still current when the batch commits (absent for the others), beside `delta`.
   */
  readonly doc?: string;
  /** Main table of a system-versioned projection: what the version changed in the document. */
  readonly delta?: string;
  readonly values: ColumnValues;
}

export interface DeleteRow {
  readonly key: string;
  readonly childKey?: string;
}

/**
 * What one batch does to one table, applied in this order: `deletes` (current tables), `ends`
 * (system-versioned tables), then `inserts` (an upsert on a current main table).
 */
export interface TableChanges {
  readonly deletes: DeleteRow[];
  readonly ends: EndRow[];
  readonly inserts: InsertRow[];
}

/** One batch: row changes and the checkpoint, committed in one transaction or not at all. */
export interface BatchCommit {
  readonly generation: GenerationRef;
  /** Compare-and-set: the commit is refused unless the stored checkpoint is still this one. */
  readonly expectedCheckpoint: bigint | undefined;
  /** The last position applied; `undefined` only while the log is still empty. */
  readonly checkpoint: bigint | undefined;
  readonly events: number;
  /** Keyed by table: `''` for the main table, else the child table's name. */
  readonly tables: ReadonlyMap<string, TableChanges>;
  /** Make this generation the one queries read (retiring the previous one) in the same transaction. */
  readonly activate: boolean;
  /**
   * With `activate`, for a system-versioned projection whose projector holds every row: the whole
   * document of each current row after this batch. A store that left current documents to be
   * written when the generation goes live writes these instead of folding them from the versions'
   * deltas; the others ignore it.
   */
  readonly currentDocuments?: () => Iterable<CurrentDocument>;
  /**
   * The event the projector could not apply, right after this batch's events: recorded in the same
   * transaction, under the same compare-and-set, and the generation is then `failed`.
   */
  readonly failure?: ProjectionFailure;
}

/** The whole document of a row's current version, which began at `fromPosition` (padded, as stored). */
export interface CurrentDocument {
  readonly key: string;
  readonly fromPosition: string;
  readonly doc: string;
}

export type CommitOutcome =
  | { readonly committed: true }
  /**
   * Nothing was written: another projector moved the checkpoint, the generation was retired, or
   * this writer's turn went to another process (`writer_replaced`: a SQLite lease taken over).
   */
  | { readonly committed: false; readonly reason: 'checkpoint_moved' | 'retired' | 'writer_replaced'; readonly generation: Generation | undefined };

/**
 * The exclusive right to write one generation, across processes: a PostgreSQL advisory lock held by
 * its session, or a SQLite lease (owner, expiry) that the writer renews and any other process may
 * take once it has expired. Every commit also compares-and-sets the checkpoint. Released by
 * `close()`, or by the process dying (the lock at once, the lease when it expires).
 */
export interface ProjectionWriter {
  readonly generation: GenerationRef;
  load(keys: readonly string[]): Promise<Map<string, LoadedRow>>;
  /** Rows, checkpoint and any failure, in one transaction that first checks this writer's turn and the checkpoint. */
  commit(batch: BatchCommit): Promise<CommitOutcome>;
  close(): Promise<void>;
}

/** A query against the live generation; `?` placeholders in both dialects. */
export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly ColumnValue[];
}

export type ReadStoreKind = 'sqlite' | 'postgres';

/**
 * Where read models live: their tables, checkpoints and generations. Every adapter passes
 * `testing/read-store.contract.ts` unchanged.
 */
export interface ReadStore {
  readonly kind: ReadStoreKind;
  /** Creates the tables of a new generation of `projection` (state `building`). */
  createGeneration(projection: Projection<unknown>): Promise<Generation>;
  generations(name: string): Promise<Generation[]>;
  /** Every generation that is not retired, of every projection. */
  allGenerations(): Promise<Generation[]>;
  /** The generation queries read, if one has caught up. */
  activeGeneration(name: string): Promise<Generation | undefined>;
  /** Opens the writer of the generation, or `undefined` while another one (in any process) holds it, or it is retired. */
  openWriter(projection: Projection<unknown>, generation: GenerationRef): Promise<ProjectionWriter | undefined>;
  /** Drops the tables of retired generations. */
  dropRetired(name: string): Promise<void>;
  /**
   * Runs queries against the live generation's tables, all on one snapshot. `undefined` when no
   * generation has caught up yet.
   */
  read<T>(projection: Projection<unknown>, build: (tables: TableNames) => readonly SqlQuery[]): Promise<T[][] | undefined>;
  close(): Promise<void>;
}
