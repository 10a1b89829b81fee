import { setImmediate as nextTurn } from 'node:timers/promises';
import { type AuditStore, SealConflictError, type SealedLeaf, type SealState } from './audit-store.port';
import { type AuditableEvent, eventLeafHash } from './leaf';
import { isStoredLevel, type StoredNode } from './stored-tree';
import { TreeBuilder } from './tree-builder';

/**
 * Leaves hashed between two turns of the event loop (about a millisecond of work): whatever shares
 * the sealer's thread would otherwise wait for a whole batch to be hashed. The server's sealer has
 * a thread of its own (`SealerThread`), where these turns cost next to nothing.
 */
const HASHES_PER_TURN = 100;

/**
 * The one thing the sealer needs from the event log: `EventStore.readAll`. It must return events
 * in their stored form, so the store it reads is opened without upcasters.
 */
export interface GlobalLogReader {
  readAll(options?: { after?: bigint; maxCount?: number }): Promise<AuditableEvent[]>;
}

/** Tuning of the {@link AuditSealer}. */
export interface SealerOptions {
  /**
   * Events read and sealed per transaction. Default 1,000: short transactions, a few ms of hashing
   * each. At most the log's own cap on a read (10,000 in every adapter): a batch shorter than asked
   * for is taken to hold all that was readable.
   */
  readonly batchSize?: number;
}

/**
 * Follows the global log and extends the Merkle tree with one leaf per event, in log order, the
 * leaf index being the event's rank in the log. Each batch is sealed in one transaction, so a
 * crash leaves the tree at a batch boundary. One sealer per database: the store's lock decides
 * (PostgreSQL), or a seal that does not start where the tree ends is refused (SQLite), and this
 * sealer reloads the state and continues.
 */
export class AuditSealer {
  private readonly batchSize: number;
  private running?: Promise<SealState | undefined>;
  private queued?: Promise<SealState | undefined>;
  private isSealer = false;

  constructor(
    private readonly log: GlobalLogReader,
    private readonly audit: AuditStore,
    options: SealerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
  }

  /**
   * Seals every event readable when called. Resolves with the new state, or `undefined` when
   * another process is the sealer of this database. Calls made during a run wait for the next
   * one, so that what they appended before calling is sealed when they resume.
   */
  sealAvailable(): Promise<SealState | undefined> {
    if (!this.running) {
      this.running = this.run().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.sealAvailable();
      });
    return this.queued;
  }

  /** Resolves once no run is in flight or queued, without starting one: for a clean shutdown. */
  async whenIdle(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)!.catch(() => undefined);
  }

  private async run(): Promise<SealState | undefined> {
    if (!this.isSealer) this.isSealer = await this.audit.tryBecomeSealer();
    if (!this.isSealer) return undefined;
    let state = await this.audit.sealState();
    for (;;) {
      const events = await this.log.readAll({ after: state.sealedPosition, maxCount: this.batchSize });
      if (events.length === 0) return state;
      try {
        state = await this.sealBatch(state, events);
        // A short batch held all that was readable, hence all that was when called. Reading on would
        // chase the writers with seals of a few events each, never resting while they write.
        if (events.length < this.batchSize) return state;
      } catch (error) {
        if (!(error instanceof SealConflictError)) throw error;
        // Another process sealed first: continue from where it stopped.
        state = await this.audit.sealState();
      }
    }
  }

  private async sealBatch(state: SealState, events: readonly AuditableEvent[]): Promise<SealState> {
    const tree = new TreeBuilder(state.frontier);
    const leaves: SealedLeaf[] = [];
    const nodes: StoredNode[] = [];
    const keep = (level: number, index: number, hash: Buffer) => {
      if (isStoredLevel(level)) nodes.push({ level, index, hash });
    };
    for (let i = 0; i < events.length; i++) {
      if (i > 0 && i % HASHES_PER_TURN === 0) await nextTurn();
      const hash = eventLeafHash(events[i]);
      leaves.push({ leafIndex: tree.size, position: events[i].position, hash });
      tree.append(hash, keep);
    }
    const frontier = tree.frontier;
    await this.audit.seal({ fromSize: state.treeSize, leaves, nodes, frontier });
    return { treeSize: frontier.size, frontier, sealedPosition: events[events.length - 1].position };
  }
}
