import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, StoredEvent } from '@mandate-ledger/event-store';
import type { Projection } from '../projection';
import type { CurrentDocument, Generation, GenerationRef, ProjectionWriter, ReadStore } from '../read-store/read-store.port';
import { RowChanges, type RowState, rowStateOf, rowStateOfLoaded, type RowUpdate } from './row-changes';
import { documentTextOf } from './row-deltas';

export interface ProjectorOptions {
  /**
   * Most events per catch-up commit, read in several `readAll` calls. Default 50,000: a large
   * commit collapses the versions a row goes through within it into final rows (fewer writes).
   */
  readonly batchSize?: number;
  /** Most events per live batch. Default 2,000. */
  readonly liveBatchSize?: number;
  /** Rows kept in memory between batches. Default 200,000. */
  readonly cacheSize?: number;
  /** Return once the generation has caught up (and was made live), instead of following the log. */
  readonly stopWhenCaughtUp?: boolean;
  readonly signal?: AbortSignal;
  /** Called after every committed batch. */
  readonly onCommit?: (progress: ProjectorProgress) => void;
  /**
   * Lifts a stored event to its latest shape (the domain's upcasters), for projections that do not
   * read the stored form: the log is read as stored, so that those that do see it unchanged.
   */
  readonly upcast?: (event: StoredEvent) => StoredEvent;
}

export interface ProjectorProgress {
  readonly generation: GenerationRef;
  readonly checkpoint: bigint | undefined;
  readonly events: number;
  readonly active: boolean;
}

/**
 * `stopped`: the signal aborted. `caught_up`: with `stopWhenCaughtUp`. `superseded`: the generation
 * was retired (a newer one went live). `failed`: an event could not be applied (recorded in the
 * read store). `locked`: another process holds this generation, or took it over from this one.
 */
export type ProjectorOutcome = 'stopped' | 'caught_up' | 'superseded' | 'failed' | 'locked';

type BatchOutcome = 'ok' | 'moved' | 'superseded' | 'failed' | 'locked';

/** What the projector does when the store refused a commit: catch up again from the stored checkpoint, or stop. */
const OUTCOME_OF_REFUSAL = { checkpoint_moved: 'moved', retired: 'superseded', writer_replaced: 'locked' } as const;

const TICK = Symbol('tick');
/** Events per `readAll` call (adapters cap it at their own maximum). */
const READ_SIZE = 10_000;
const nextTick = (): Promise<typeof TICK> => new Promise((resolve) => setImmediate(() => resolve(TICK)));

/** The row changes of the events applied so far in one batch, until it commits. */
interface Batch {
  readonly changes: RowChanges;
  /** Rows read from the store for this batch (`undefined`: none stored). */
  readonly loaded: Map<string, RowState | undefined>;
  readonly unreadable: Map<string, unknown>;
  /** Events applied (including those the projection ignores). */
  events: number;
  last: StoredEvent | undefined;
  failure: { readonly event: StoredEvent; readonly error: unknown } | undefined;
}

/**
 * Runs one generation of one projection: catches up from its checkpoint with `readAll` batches,
 * then follows `subscribeToAll`, committing each batch's row changes and checkpoint in one
 * transaction. A generation that is not live yet is made live by the commit of the batch that
 * reaches the head of the log.
 */
export class Projector {
  private cache = new Map<string, RowState>();
  /** True while the cache holds every row of the generation: a key it lacks has no row. */
  private cacheComplete = false;
  private readonly batchSize: number;
  private readonly liveBatchSize: number;
  private readonly cacheSize: number;
  /** The last position committed, as this projector knows it (the compare-and-set's expected value). */
  private checkpoint: bigint | undefined;
  /** Whether queries read this generation. */
  private active = false;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly projection: Projection<unknown>,
    readonly generation: GenerationRef,
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 50_000;
    this.liveBatchSize = options.liveBatchSize ?? 2_000;
    this.cacheSize = options.cacheSize ?? 200_000;
  }

  async run(): Promise<ProjectorOutcome> {
    const writer = await this.readStore.openWriter(this.projection, this.generation);
    if (!writer) return 'locked';
    try {
      for (;;) {
        if (this.options.signal?.aborted) return 'stopped';
        const generation = (await this.readStore.generations(this.generation.name)).find((g) => g.generation === this.generation.generation);
        if (!generation || generation.state === 'retired') return 'superseded';
        this.cache.clear();
        this.cacheComplete = generation.checkpoint === undefined && generation.eventsProcessed === 0;
        const caughtUp = await this.catchUp(writer, generation);
        if (caughtUp === 'moved') continue;
        if (caughtUp !== 'ok') return caughtUp;
        if (this.options.stopWhenCaughtUp) return 'caught_up';
        const followed = await this.follow(writer);
        if (followed !== 'moved') return followed;
      }
    } finally {
      await writer.close();
    }
  }

  /** Reads batches until one reaches the head that was current before reading it; each is applied as its events arrive. */
  private async catchUp(writer: ProjectionWriter, generation: Generation): Promise<BatchOutcome | 'stopped'> {
    this.checkpoint = generation.checkpoint;
    this.active = generation.active;
    for (;;) {
      if (this.options.signal?.aborted) return 'stopped';
      const head = await this.store.headPosition();
      const batch = this.newBatch();
      let reachedHead = false;
      while (batch.events < this.batchSize && batch.failure === undefined) {
        const events = await this.store.readAll({ after: batch.last?.position ?? this.checkpoint, maxCount: Math.min(READ_SIZE, this.batchSize - batch.events) });
        await this.apply(writer, batch, events);
        // An empty read also counts: the head may be an event this reader never sees (a system event).
        reachedHead = events.length === 0 || (events.at(-1)?.position ?? -1n) >= (head ?? -1n);
        if (reachedHead) break;
        // A store that reads synchronously (SQLite) never yields: without this turn, a catch-up would
        // hold its thread's event loop to the end, and the API's projector thread would not hear its
        // `stop` before then.
        await nextTurn();
      }
      if (batch.events === 0 && batch.failure === undefined && this.active) return 'ok';
      const outcome = await this.commit(writer, batch, reachedHead && !this.active);
      if (outcome !== 'ok' || reachedHead) return outcome;
    }
  }

  /** Follows live appends, taking into one batch whatever the subscription already has. */
  private async follow(writer: ProjectionWriter): Promise<Exclude<BatchOutcome, 'ok'> | 'stopped'> {
    const abort = new AbortController();
    const stop = () => abort.abort();
    this.options.signal?.addEventListener('abort', stop, { once: true });
    const iterator = this.store.subscribeToAll({ after: this.checkpoint, signal: abort.signal })[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<StoredEvent>> | undefined;
    try {
      for (;;) {
        const first = await (pending ?? iterator.next());
        pending = undefined;
        if (first.done) return 'stopped';
        const events = [first.value];
        const tick = nextTick();
        while (events.length < this.liveBatchSize) {
          pending = iterator.next();
          const next = await Promise.race([pending, tick]);
          if (next === TICK) break;
          pending = undefined;
          if (next.done) break;
          events.push(next.value);
        }
        const batch = this.newBatch();
        await this.apply(writer, batch, events);
        const outcome = await this.commit(writer, batch, false);
        if (outcome !== 'ok') return outcome;
      }
    } finally {
      abort.abort();
      this.options.signal?.removeEventListener('abort', stop);
      // Lets the generator see the abort and end, without waiting for an event that may never come.
      void iterator.return?.(undefined);
    }
  }

  private newBatch(): Batch {
    return { changes: new RowChanges(this.projection), loaded: new Map(), unreadable: new Map(), events: 0, last: undefined, failure: undefined };
  }

  private base(key: string, loaded: Map<string, RowState | undefined>): RowState | undefined {
    return loaded.has(key) ? loaded.get(key) : this.cache.get(key);
  }

  /**
   * Applies events to a batch, in order: keys, the rows missing from the cache, then evolve,
   * columns and child rows; the events are not kept. An event the projection throws on ends the
   * batch before it: what came before is committed, then the failure is recorded with the event's
   * position and type.
   */
  private async apply(writer: ProjectionWriter, batch: Batch, stored: readonly StoredEvent[]): Promise<void> {
    const { upcast } = this.options;
    const events = upcast && this.projection.reads !== 'stored' ? stored.map(upcast) : stored;
    const touched: (readonly string[])[] = [];
    const missing = new Set<string>();
    let failure: { index: number; error: unknown } | undefined;
    for (let i = 0; i < events.length; i++) {
      try {
        const keys = this.projection.keysOf(events[i]);
        touched.push(keys);
        if (!this.cacheComplete) {
          for (const key of keys) if (!this.cache.has(key) && !batch.loaded.has(key) && !batch.changes.has(key)) missing.add(key);
        }
      } catch (error) {
        failure = { index: i, error };
        break;
      }
    }
    if (missing.size > 0) {
      const rows = await writer.load([...missing]);
      for (const key of missing) {
        const row = rows.get(key);
        try {
          batch.loaded.set(key, row && rowStateOfLoaded(this.projection, row));
        } catch (error) {
          // A stored row the code cannot read is as fatal as an event it cannot apply: it fails the first event touching it.
          batch.unreadable.set(key, error);
        }
      }
    }

    const { changes, loaded, unreadable } = batch;
    const applied = failure?.index ?? events.length;
    for (let i = 0; i < applied; i++) {
      const event = events[i];
      const keys = touched[i];
      let updates: RowUpdate[] = [];
      try {
        updates = keys.map((key) => {
          if (unreadable.has(key)) throw unreadable.get(key);
          const previous = changes.has(key) ? changes.current(key) : this.base(key, loaded);
          const next = this.projection.evolve(previous?.doc, event, key);
          if (next === undefined) return { key, next: undefined };
          if (previous !== undefined && next === previous.doc) return { key, next: previous };
          return { key, next: rowStateOf(this.projection, next, previous) };
        });
      } catch (error) {
        failure = { index: i, error };
        break;
      }
      for (const update of updates) changes.apply(event, changes.has(update.key) ? undefined : this.base(update.key, loaded), update);
      batch.events++;
      batch.last = event;
    }
    if (failure) batch.failure = { event: events[failure.index], error: failure.error };
  }

  /**
   * Commits a batch: rows, checkpoint and, when it ended on an event the projection cannot apply,
   * that failure, in one transaction under the same compare-and-set. A failure recorded on its own
   * could mark a generation failed for an event another projector had already applied.
   */
  private async commit(writer: ProjectionWriter, batch: Batch, activate: boolean): Promise<BatchOutcome> {
    const { failure } = batch;
    const activating = activate && failure === undefined;
    if (batch.events === 0 && !activating && failure === undefined) return 'ok';
    const checkpoint = batch.last?.position ?? this.checkpoint;
    const tables = batch.changes.tableChanges();
    const currentDocuments = activating && this.cacheComplete && this.projection.history === 'system-versioned' ? () => this.currentDocuments(batch.changes) : undefined;
    const outcome = await writer.commit({
      generation: this.generation,
      expectedCheckpoint: this.checkpoint,
      checkpoint,
      events: batch.events,
      tables,
      activate: activating,
      currentDocuments,
      failure: failure && {
        message: failure.error instanceof Error ? `${failure.error.name}: ${failure.error.message}` : String(failure.error),
        position: failure.event.position,
        eventType: failure.event.type,
        at: new Date().toISOString(),
      },
    });
    if (!outcome.committed) return OUTCOME_OF_REFUSAL[outcome.reason];
    this.remember(batch.changes);
    this.checkpoint = checkpoint;
    if (activating) {
      this.active = true;
      await this.readStore.dropRetired(this.generation.name);
    }
    this.options.onCommit?.({ generation: this.generation, checkpoint, events: batch.events, active: this.active });
    return failure ? 'failed' : 'ok';
  }

  /** Every row's document after `changes`, from the cache (only while it is complete) and the batch. */
  private *currentDocuments(changes: RowChanges): Iterable<CurrentDocument> {
    const documentOf = (key: string, row: RowState): CurrentDocument => {
      // A complete cache holds only rows this projector wrote, which know where their version began.
      if (row.fromPosition === undefined) throw new Error(`${this.projection.name}: the cached row ${key} does not know its version`);
      return { key, fromPosition: row.fromPosition, doc: documentTextOf(row.texts!) };
    };
    for (const [key, row] of this.cache) if (!changes.has(key)) yield documentOf(key, row);
    for (const [key, row] of changes.results()) if (row !== undefined) yield documentOf(key, row);
  }

  private remember(changes: RowChanges): void {
    for (const [key, row] of changes.results()) {
      // Deleted and re-set so that the map's order is least recently written first.
      this.cache.delete(key);
      if (row !== undefined) this.cache.set(key, row);
    }
    if (this.cache.size > this.cacheSize) {
      this.cacheComplete = false;
      const excess = this.cache.size - Math.floor(this.cacheSize * 0.9);
      let evicted = 0;
      for (const key of this.cache.keys()) {
        if (evicted++ >= excess) break;
        this.cache.delete(key);
      }
    }
  }
}
