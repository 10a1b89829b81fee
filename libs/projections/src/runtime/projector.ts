import type { EventStore, StoredEvent } from '@mandate-ledger/event-store';
import type { Projection } from '../projection';
import type { Generation, GenerationRef, ProjectionWriter, ReadStore } from '../read-store/read-store.port';
import { RowChanges, type RowState, rowStateOf, rowStateOfLoaded, type RowUpdate } from './row-changes';

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
 * read store). `locked`: another process holds this generation.
 */
export type ProjectorOutcome = 'stopped' | 'caught_up' | 'superseded' | 'failed' | 'locked';

type BatchOutcome = 'ok' | 'moved' | 'superseded' | 'failed';

const TICK = Symbol('tick');
/** Events per `readAll` call (adapters cap it at their own maximum). */
const READ_SIZE = 10_000;
const nextTick = (): Promise<typeof TICK> => new Promise((resolve) => setImmediate(() => resolve(TICK)));

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

  /** Reads batches until one reaches the head that was current before reading it. */
  private async catchUp(writer: ProjectionWriter, generation: Generation): Promise<BatchOutcome | 'stopped'> {
    this.checkpoint = generation.checkpoint;
    this.active = generation.active;
    for (;;) {
      if (this.options.signal?.aborted) return 'stopped';
      const head = await this.store.headPosition();
      const batch: StoredEvent[] = [];
      let reachedHead = false;
      while (batch.length < this.batchSize) {
        const read = await this.store.readAll({ after: batch.at(-1)?.position ?? this.checkpoint, maxCount: Math.min(READ_SIZE, this.batchSize - batch.length) });
        for (const event of read) batch.push(event);
        // An empty read also counts: the head may be an event this reader never sees (a system event).
        reachedHead = read.length === 0 || (batch.at(-1)?.position ?? -1n) >= (head ?? -1n);
        if (reachedHead) break;
      }
      if (batch.length === 0 && this.active) return 'ok';
      const outcome = await this.applyBatch(writer, batch, reachedHead && !this.active);
      if (outcome !== 'ok') return outcome;
      if (reachedHead) return 'ok';
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
        const batch = [first.value];
        const tick = nextTick();
        while (batch.length < this.liveBatchSize) {
          pending = iterator.next();
          const next = await Promise.race([pending, tick]);
          if (next === TICK) break;
          pending = undefined;
          if (next.done) break;
          batch.push(next.value);
        }
        const outcome = await this.applyBatch(writer, batch, false);
        if (outcome !== 'ok') return outcome;
      }
    } finally {
      abort.abort();
      this.options.signal?.removeEventListener('abort', stop);
      // Lets the generator see the abort and end, without waiting for an event that may never come.
      void iterator.return?.(undefined);
    }
  }

  private base(key: string, loaded: Map<string, RowState | undefined>): RowState | undefined {
    return loaded.has(key) ? loaded.get(key) : this.cache.get(key);
  }

  /**
   * Applies one batch: the pure part (keys, evolve, columns, child rows) first, for every event in
   * order; then one commit. An event the projection throws on ends the batch before it: what came
   * before is committed, then the failure is recorded with the event's position and type.
   */
  private async applyBatch(writer: ProjectionWriter, batch: readonly StoredEvent[], activate: boolean): Promise<BatchOutcome> {
    const touched: (readonly string[])[] = [];
    const missing = new Set<string>();
    let failure: { index: number; error: unknown } | undefined;
    for (let i = 0; i < batch.length; i++) {
      try {
        const keys = this.projection.keysOf(batch[i]);
        touched.push(keys);
        if (!this.cacheComplete) for (const key of keys) if (!this.cache.has(key)) missing.add(key);
      } catch (error) {
        failure = { index: i, error };
        break;
      }
    }
    const loaded = new Map<string, RowState | undefined>();
    const unreadable = new Map<string, unknown>();
    if (missing.size > 0) {
      const rows = await writer.load([...missing]);
      for (const key of missing) {
        const row = rows.get(key);
        try {
          loaded.set(key, row && rowStateOfLoaded(this.projection, row));
        } catch (error) {
          // A stored row the code cannot read is as fatal as an event it cannot apply: it fails the first event touching it.
          unreadable.set(key, error);
        }
      }
    }

    const changes = new RowChanges(this.projection);
    const applied = failure?.index ?? batch.length;
    for (let i = 0; i < applied; i++) {
      const event = batch[i];
      const keys = touched[i];
      if (keys.length === 0) continue;
      let updates: RowUpdate[];
      try {
        updates = keys.map((key) => {
          if (unreadable.has(key)) throw unreadable.get(key);
          const previous = changes.current(key, () => this.base(key, loaded));
          const next = this.projection.evolve(previous?.doc, event, key);
          if (next === undefined) return { key, next: undefined };
          if (previous !== undefined && next === previous.doc) return { key, next: previous };
          return { key, next: rowStateOf(this.projection, next, JSON.stringify(next), undefined, previous) };
        });
      } catch (error) {
        failure = { index: i, error };
        break;
      }
      for (const update of updates) changes.apply(event, this.base(update.key, loaded), update);
    }

    const count = failure?.index ?? batch.length;
    if (count > 0 || (activate && failure === undefined)) {
      const checkpoint = count > 0 ? batch[count - 1].position : this.checkpoint;
      const outcome = await writer.commit({
        generation: this.generation,
        expectedCheckpoint: this.checkpoint,
        checkpoint,
        events: count,
        tables: changes.tableChanges(),
        activate: activate && failure === undefined,
      });
      if (!outcome.committed) return outcome.reason === 'retired' ? 'superseded' : 'moved';
      this.checkpoint = checkpoint;
      if (activate && failure === undefined) {
        this.active = true;
        await this.readStore.dropRetired(this.generation.name);
      }
      this.remember(changes);
      this.options.onCommit?.({ generation: this.generation, checkpoint, events: count, active: this.active });
    }
    if (failure) {
      const event = batch[failure.index];
      const error = failure.error;
      await writer.recordFailure({
        message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        position: event.position,
        eventType: event.type,
        at: new Date().toISOString(),
      });
      return 'failed';
    }
    return 'ok';
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
