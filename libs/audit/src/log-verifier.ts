import type { AuditStore, SealedLeaf, SealState, StoredCheckpoint } from './audit-store.port';
import { openCheckpoint, type OpenedCheckpoint } from './checkpoint-note';
import { type CosignerVerifier, cosignedAt } from './cosignature';
import { type AuditableEvent, eventLeafHash } from './leaf';
import { consistencyProof, type NodeReader } from './merkle-tree';
import { ProofError, verifyConsistency } from './proofs';
import type { GlobalLogReader } from './sealer';
import type { NoteVerifier } from './signed-note';
import { computeFromStorage, isStoredLevel, MissingTreeNodeError } from './stored-tree';
import { TreeBuilder } from './tree-builder';

/**
 * What `verify` found wrong first, in log order:
 * - `LEAF_MISMATCH`: the event at a position is not the one sealed there (its content changed);
 * - `MISSING_EVENT`: an event that was sealed is gone;
 * - `EXTRA_EVENT`: an event that was never sealed sits inside the sealed log (inserted);
 * - `ORDER`: sealed events changed places;
 * - `TREE_MISMATCH`: the audit tables disagree with the tree recomputed from the events (a leaf
 *   row, a stored node, or the frontier);
 * - `ROOT_MISMATCH`: a stored checkpoint signs another root than the events give at its size;
 * - `BAD_SIGNATURE`: a stored checkpoint's note does not verify with the log's key, or its row
 *   disagrees with the note;
 * - `INCONSISTENT`: the stored tree cannot prove two successive checkpoints consistent;
 * - `ROLLBACK`: the log does not extend a checkpoint held outside the database (it was rolled
 *   back and rewritten), or is shorter than one.
 */
export type LogFailureKind =
  | 'LEAF_MISMATCH'
  | 'MISSING_EVENT'
  | 'EXTRA_EVENT'
  | 'ORDER'
  | 'TREE_MISMATCH'
  | 'ROOT_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'INCONSISTENT'
  | 'ROLLBACK';

/** The first thing `verify` found wrong, and where. */
export interface LogFailure {
  readonly kind: LogFailureKind;
  /** The first position that does not match (for checkpoint failures: the first that may differ). */
  readonly position?: bigint;
  readonly leafIndex?: number;
  /** The checkpoint concerned, for checkpoint failures. */
  readonly treeSize?: number;
  readonly detail: string;
}

/** What {@link verifyLog} checked, and its first failure if any. */
export interface LogVerification {
  readonly ok: boolean;
  readonly failure?: LogFailure;
  /** Events read from the log. */
  readonly events: number;
  /** Leaves checked against the events (the sealed tree's size when verification began). */
  readonly sealed: number;
  /** Stored checkpoints whose signature, root and consistency were checked. */
  readonly checkpoints: number;
  /** Checkpoints held outside the database that the log was found to extend. */
  readonly externalCheckpoints: number;
  /** Root of the tree of every event read. */
  readonly root: Buffer;
}

/** What {@link verifyLog} reads and trusts. */
export interface LogVerifierOptions {
  /** The global log in stored form (opened without upcasters). */
  readonly log: GlobalLogReader;
  readonly audit: AuditStore;
  /** The log's public key; its name is the origin. */
  readonly verifier: NoteVerifier;
  /** Signed notes of checkpoints published earlier and kept outside the database. */
  readonly externalCheckpoints?: readonly string[];
  /**
   * Witnesses trusted to have cosigned checkpoints (C2SP tlog-cosignature): when given, every
   * checkpoint held outside must carry a valid cosignature of one of them, and the log must extend it.
   */
  readonly witnesses?: readonly CosignerVerifier[];
  /**
   * Exclusive start of the global log read. SQL stores should pass a bound below every position
   * (see {@link SQL_LOG_START}) so that a row forged at position 0 or below is seen too.
   */
  readonly readFrom?: bigint;
  /** Events and leaves per read. Default 10,000. */
  readonly batchSize?: number;
  /** Events looked ahead to tell a moved or inserted event from a changed one. Default 10,000. */
  readonly lookahead?: number;
  /** Called after each batch with the number of events read so far. */
  readonly onProgress?: (events: number) => void;
}

/** Below every position a SQL event store can hold (int8), so verification reads every row. */
export const SQL_LOG_START = -(2n ** 63n);

/** A checkpoint held outside the database, with how to name it (`held outside the database`, or its witness). */
type HeldCheckpoint = OpenedCheckpoint & { readonly held: string };

class Failed extends Error {
  constructor(readonly failure: LogFailure) {
    super(failure.detail);
  }
}

const fail = (failure: LogFailure): Failed => new Failed(failure);

/**
 * Reads ahead in batches, so the verifier can peek at events and leaves it has not consumed. The
 * next batch is requested as soon as one arrives: the database reads it while this process hashes.
 */
class Cursor<T> {
  private buffer: T[] = [];
  private offset = 0;
  private done = false;
  private next?: Promise<T[]>;

  constructor(private readonly readMore: () => Promise<T[]>) {}

  /** The item `ahead` places on, at once when it is buffered. */
  peek(ahead = 0): T | undefined | Promise<T | undefined> {
    const index = this.offset + ahead;
    return index < this.buffer.length || this.done ? this.buffer[index] : this.load(ahead);
  }

  private async load(ahead: number): Promise<T | undefined> {
    while (this.offset + ahead >= this.buffer.length && !this.done) {
      const more = await (this.next ?? this.readMore());
      this.next = undefined;
      if (more.length === 0) this.done = true;
      else this.next = this.prefetch();
      this.buffer = [...this.buffer.slice(this.offset), ...more];
      this.offset = 0;
    }
    return this.buffer[this.offset + ahead];
  }

  private prefetch(): Promise<T[]> {
    const next = this.readMore();
    // Handled when awaited; this keeps a read abandoned by a failed verification from going unhandled.
    next.catch(() => undefined);
    return next;
  }

  advance(): void {
    this.offset++;
  }
}

const positionText = (event: AuditableEvent): string => `position ${event.position} (${event.stream} revision ${event.revision}, ${event.type} ${event.id})`;

/** A checkpoint size the log was found to match, and the position of the first leaf after it. */
interface Anchor {
  size: number;
  next?: bigint;
}

/** A node computed from the events, to compare with the stored one. */
interface PendingNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Buffer;
  readonly completedBy: bigint;
}

/**
 * Recomputes the tree from the events, in one streaming pass over the global log and the leaves,
 * and checks every stored leaf, node, frontier and checkpoint against it, then the consistency of
 * successive checkpoints as the stored tree proves it, and that the log extends every checkpoint
 * held outside the database. Memory stays O(batch + log n).
 */
export const verifyLog = async (options: LogVerifierOptions): Promise<LogVerification> => new LogVerifier(options).run();

class LogVerifier {
  private readonly batchSize: number;
  private readonly tree = new TreeBuilder();
  private readonly pending: PendingNode[] = [];
  private eventsRead = 0;
  private checked = 0;
  private externalMatched = 0;
  private lastPosition?: bigint;
  /** The last checkpoints the log matched (any, and held outside), and the position of the leaf after each. */
  private readonly anchors: { any: Anchor; external: Anchor } = { any: { size: 0 }, external: { size: 0 } };

  constructor(private readonly options: LogVerifierOptions) {
    this.batchSize = options.batchSize ?? 10_000;
  }

  async run(): Promise<LogVerification> {
    let failure: LogFailure | undefined;
    let sealed = 0;
    try {
      const external = this.openExternal();
      // The latest checkpoint first, then the state: a server sealing and signing meanwhile can only
      // add checkpoints at or below the state read after, so every checkpoint checked is sealed.
      const bound = (await this.options.audit.latestCheckpoint())?.treeSize ?? 0;
      const state = await this.options.audit.sealState();
      sealed = state.treeSize;
      await this.scan(state, bound, external);
      await this.checkConsistency(bound);
    } catch (error) {
      if (!(error instanceof Failed)) throw error;
      failure = error.failure;
    }
    return {
      ok: failure === undefined,
      failure,
      events: this.eventsRead,
      sealed,
      checkpoints: this.checked,
      externalCheckpoints: this.externalMatched,
      root: this.tree.root(),
    };
  }

  private openExternal(): HeldCheckpoint[] {
    return (this.options.externalCheckpoints ?? [])
      .map((note, i) => {
        let opened: OpenedCheckpoint;
        try {
          opened = openCheckpoint(note, this.options.verifier);
        } catch (error) {
          throw fail({ kind: 'BAD_SIGNATURE', detail: `Checkpoint ${i + 1} held outside the database does not verify with the log's key: ${(error as Error).message}` });
        }
        return { ...opened, held: this.cosignatureOf(opened) };
      })
      .sort((a, b) => a.treeSize - b.treeSize);
  }

  /** How a held checkpoint is described: by the witness that cosigned it, when witnesses are trusted (one must have). */
  private cosignatureOf(checkpoint: OpenedCheckpoint): string {
    const witnesses = this.options.witnesses ?? [];
    if (witnesses.length === 0) return 'held outside the database';
    for (const witness of witnesses) {
      let at: number | undefined;
      try {
        at = cosignedAt(checkpoint.note, witness);
      } catch (error) {
        throw fail({ kind: 'BAD_SIGNATURE', treeSize: checkpoint.treeSize, detail: `The checkpoint of size ${checkpoint.treeSize}: ${(error as Error).message}` });
      }
      if (at !== undefined) return `cosigned by the witness ${witness.name} at ${new Date(at * 1000).toISOString()}`;
    }
    throw fail({
      kind: 'BAD_SIGNATURE',
      treeSize: checkpoint.treeSize,
      detail: `The checkpoint of size ${checkpoint.treeSize} held outside the database carries no cosignature of ${witnesses.map((w) => w.name).join(', ')}`,
    });
  }

  private async scan(state: SealState, bound: number, external: HeldCheckpoint[]): Promise<void> {
    const { events, leaves, checkpoints, externals } = this.cursors(state, bound, external);
    // A checkpoint of the empty tree, if one is held, is checked before the first event.
    await this.checkCheckpoints(checkpoints, externals);
    for (;;) {
      const leaf = this.tree.size < state.treeSize ? await this.expectLeaf(leaves) : undefined;
      const event = await events.peek();
      if (!leaf && !event) break;
      if (leaf) await this.matchLeaf(leaf, event, events, leaves);
      // Past the sealed tree: appended since, hashed on so that held checkpoints can be compared.
      else this.append(event!, eventLeafHash(event!), false);
      if (leaf) leaves.advance();
      events.advance();
      if (this.tree.size === state.treeSize) this.checkFrontier(state);
      await this.checkCheckpoints(checkpoints, externals);
      if (this.pending.length >= this.batchSize) await this.flushNodes();
    }
    await this.flushNodes();
    await this.checkBeyondLog(checkpoints, externals);
  }

  /** The log from `readFrom`, the leaves of the sealed tree, the stored checkpoints up to `bound`, and the held ones. */
  private cursors(state: SealState, bound: number, external: HeldCheckpoint[]) {
    const { audit, log } = this.options;
    let after = this.options.readFrom;
    let nextLeaf = 0;
    let checkpointsAfter = 0;
    return {
      events: new Cursor<AuditableEvent>(async () => {
        const batch = await log.readAll({ after, maxCount: this.batchSize });
        if (batch.length === 0) return batch;
        after = batch[batch.length - 1].position;
        this.eventsRead += batch.length;
        this.options.onProgress?.(this.eventsRead);
        return batch;
      }),
      leaves: new Cursor<SealedLeaf>(async () => {
        const count = Math.min(this.batchSize, state.treeSize - nextLeaf);
        const batch = count > 0 ? await audit.readLeaves(nextLeaf, count) : [];
        nextLeaf += batch.length;
        return batch;
      }),
      checkpoints: new Cursor<StoredCheckpoint>(async () => {
        const batch = await audit.readCheckpoints(checkpointsAfter, bound, 1000);
        if (batch.length > 0) checkpointsAfter = batch[batch.length - 1].treeSize;
        return batch;
      }),
      externals: new Cursor<HeldCheckpoint>(async () => external.splice(0)),
    };
  }

  /** The next leaf row, which must have the next index: a gap or a repeat means the leaves table was edited. */
  private async expectLeaf(leaves: Cursor<SealedLeaf>): Promise<SealedLeaf> {
    const leaf = await leaves.peek();
    const index = this.tree.size;
    if (!leaf) throw fail({ kind: 'TREE_MISMATCH', leafIndex: index, detail: `The tree was sealed beyond ${index} leaves, but the leaves table ends there` });
    if (leaf.leafIndex !== index) {
      throw fail({ kind: 'TREE_MISMATCH', leafIndex: index, detail: `Leaf ${index} is missing from the leaves table (found leaf ${leaf.leafIndex})` });
    }
    return leaf;
  }

  private async matchLeaf(leaf: SealedLeaf, event: AuditableEvent | undefined, events: Cursor<AuditableEvent>, leaves: Cursor<SealedLeaf>): Promise<void> {
    const where = { position: leaf.position, leafIndex: leaf.leafIndex };
    if (!event || event.position > leaf.position) {
      throw fail({ kind: 'MISSING_EVENT', ...where, detail: `The event sealed at position ${leaf.position} (leaf ${leaf.leafIndex}) is gone from the log` });
    }
    if (event.position < leaf.position) {
      throw fail({
        kind: 'EXTRA_EVENT',
        position: event.position,
        leafIndex: leaf.leafIndex,
        detail: `The event at ${positionText(event)} was never sealed: it sits before the event sealed at position ${leaf.position} (leaf ${leaf.leafIndex})`,
      });
    }
    const hash = eventLeafHash(event);
    if (!hash.equals(leaf.hash)) throw fail(await this.diagnose(event, leaf, events, leaves));
    this.append(event, hash, true);
  }

  /** Tells a changed event from a moved, swapped, inserted or deleted one, by looking ahead. */
  private async diagnose(event: AuditableEvent, leaf: SealedLeaf, events: Cursor<AuditableEvent>, leaves: Cursor<SealedLeaf>): Promise<LogFailure> {
    const where = { position: event.position, leafIndex: leaf.leafIndex };
    const nextLeaf = await leaves.peek(1);
    if (nextLeaf && eventLeafHash({ ...event, position: nextLeaf.position }).equals(nextLeaf.hash)) {
      return { kind: 'MISSING_EVENT', ...where, detail: `The event sealed at position ${leaf.position} (leaf ${leaf.leafIndex}) is gone; the events after it were moved up` };
    }
    const moved = await this.findSealedEventAhead(leaf, events);
    if (moved) {
      const swapped = await this.options.audit.leafAt(moved.position);
      if (swapped && eventLeafHash({ ...event, position: moved.position }).equals(swapped.hash)) {
        return { kind: 'ORDER', ...where, detail: `The events sealed at positions ${leaf.position} and ${moved.position} changed places` };
      }
      return {
        kind: 'EXTRA_EVENT',
        ...where,
        detail: `The event at ${positionText(event)} was never sealed; the event sealed at this position now sits at position ${moved.position}`,
      };
    }
    return { kind: 'LEAF_MISMATCH', ...where, detail: `The event at ${positionText(event)} is not the one sealed there (leaf ${leaf.leafIndex}): its content was changed` };
  }

  /** A later event that, put back at this leaf's position, hashes to this leaf. */
  private async findSealedEventAhead(leaf: SealedLeaf, events: Cursor<AuditableEvent>): Promise<AuditableEvent | undefined> {
    for (let ahead = 1; ahead <= (this.options.lookahead ?? 10_000); ahead++) {
      const later = await events.peek(ahead);
      if (!later) return undefined;
      if (eventLeafHash({ ...later, position: leaf.position }).equals(leaf.hash)) return later;
    }
    return undefined;
  }

  private append(event: AuditableEvent, hash: Buffer, sealed: boolean): void {
    for (const anchor of [this.anchors.any, this.anchors.external]) {
      if (anchor.size === this.tree.size) anchor.next = event.position;
    }
    this.tree.append(hash, (level, index, node) => {
      if (sealed && isStoredLevel(level)) this.pending.push({ level, index, hash: node, completedBy: event.position });
    });
    this.lastPosition = event.position;
  }

  private checkFrontier(state: SealState): void {
    const frontier = this.tree.frontier;
    const same = frontier.hashes.length === state.frontier.hashes.length && frontier.hashes.every((hash, i) => hash.equals(state.frontier.hashes[i]));
    if (!same || state.sealedPosition !== this.lastPosition) {
      throw fail({
        kind: 'TREE_MISMATCH',
        position: this.lastPosition,
        leafIndex: state.treeSize - 1,
        detail: `The stored frontier of the sealed tree (${state.treeSize} leaves, up to position ${state.sealedPosition}) is not the one the events give`,
      });
    }
  }

  /** Compares the nodes computed since the last flush with the stored ones, one range read per level. */
  private async flushNodes(): Promise<void> {
    const byLevel = new Map<number, PendingNode[]>();
    for (const node of this.pending.splice(0)) byLevel.set(node.level, [...(byLevel.get(node.level) ?? []), node]);
    const mismatches: PendingNode[] = [];
    for (const [level, nodes] of byLevel) {
      const stored = await this.options.audit.readNodes(level, nodes[0].index, nodes[nodes.length - 1].index + 1);
      const found = new Map(stored.map((node) => [node.index, node.hash]));
      mismatches.push(...nodes.filter((node) => !found.get(node.index)?.equals(node.hash)));
    }
    const first = mismatches.sort((a, b) => (a.completedBy < b.completedBy ? -1 : a.completedBy > b.completedBy ? 1 : a.level - b.level))[0];
    if (first) {
      throw fail({
        kind: 'TREE_MISMATCH',
        position: first.completedBy,
        leafIndex: (first.index + 1) * 2 ** first.level - 1,
        detail: `The stored node at level ${first.level}, index ${first.index} (completed by the event at position ${first.completedBy}) is missing or differs from the events' tree`,
      });
    }
  }

  private async checkCheckpoints(checkpoints: Cursor<StoredCheckpoint>, externals: Cursor<HeldCheckpoint>): Promise<void> {
    const size = this.tree.size;
    const due = ((await checkpoints.peek())?.treeSize ?? Infinity) <= size || ((await externals.peek())?.treeSize ?? Infinity) <= size;
    if (!due) return;
    // The stored nodes first: a node that differs names its leaves, where a root names only a range.
    await this.flushNodes();
    let root: Buffer | undefined;
    for (let stored = await checkpoints.peek(); stored && stored.treeSize <= size; stored = await checkpoints.peek()) {
      root ??= this.tree.root();
      this.checkStored(stored, root);
      checkpoints.advance();
    }
    for (let held = await externals.peek(); held && held.treeSize <= size; held = await externals.peek()) {
      root ??= this.tree.root();
      this.checkExternal(held, root);
      externals.advance();
    }
  }

  private checkStored(stored: StoredCheckpoint, root: Buffer): void {
    let opened: OpenedCheckpoint;
    try {
      opened = openCheckpoint(stored.note, this.options.verifier);
    } catch (error) {
      throw fail({ kind: 'BAD_SIGNATURE', treeSize: stored.treeSize, detail: `The checkpoint of size ${stored.treeSize} does not verify: ${(error as Error).message}` });
    }
    if (opened.treeSize !== stored.treeSize || !opened.rootHash.equals(stored.rootHash) || opened.signedAt !== stored.signedAt) {
      throw fail({ kind: 'BAD_SIGNATURE', treeSize: stored.treeSize, detail: `The checkpoint row of size ${stored.treeSize} disagrees with its signed note` });
    }
    if (!opened.rootHash.equals(root)) {
      throw fail({
        kind: 'ROOT_MISMATCH',
        position: this.anchors.any.next,
        treeSize: stored.treeSize,
        detail: `The checkpoint of size ${stored.treeSize} signed at ${opened.signedAt} is not the tree of the events: ${this.rewrittenRange(this.anchors.any, stored.treeSize)}`,
      });
    }
    this.checked++;
    this.anchors.any = { size: stored.treeSize };
  }

  private checkExternal(held: HeldCheckpoint, root: Buffer): void {
    if (!held.rootHash.equals(root)) {
      throw fail({
        kind: 'ROLLBACK',
        position: this.anchors.external.next,
        treeSize: held.treeSize,
        detail: `The log does not extend the checkpoint of size ${held.treeSize} ${held.held} (signed at ${held.signedAt}): it was rolled back and rewritten; ${this.rewrittenRange(this.anchors.external, held.treeSize)}`,
      });
    }
    this.externalMatched++;
    this.anchors.external = { size: held.treeSize };
    this.anchors.any = { size: held.treeSize };
  }

  /** Where a rewrite can lie: after the last checkpoint the log matched, up to the one it does not. */
  private rewrittenRange(anchor: Anchor, size: number): string {
    const from = anchor.size === 0 ? 'the first event' : `the ${anchor.size} events of the last matching checkpoint`;
    return `the events differ after ${from}, at or after position ${anchor.next} and before leaf ${size}`;
  }

  /** Checkpoints larger than the whole log: the log lost events since they were signed. */
  private async checkBeyondLog(checkpoints: Cursor<StoredCheckpoint>, externals: Cursor<HeldCheckpoint>): Promise<void> {
    const stored = await checkpoints.peek();
    if (stored) {
      throw fail({
        kind: 'ROOT_MISMATCH',
        position: this.anchors.any.next,
        treeSize: stored.treeSize,
        detail: `The checkpoint of size ${stored.treeSize} covers more events than the log holds (${this.tree.size})`,
      });
    }
    const held = await externals.peek();
    if (held) {
      throw fail({
        kind: 'ROLLBACK',
        position: this.anchors.external.next,
        treeSize: held.treeSize,
        detail: `The log holds ${this.tree.size} events, fewer than the checkpoint of size ${held.treeSize} ${held.held}: it was rolled back${
          this.anchors.external.next === undefined ? '' : `, at or after position ${this.anchors.external.next}`
        }`,
      });
    }
  }

  /** Proves each stored checkpoint consistent with the next from the stored tree, a batch of pairs per read. */
  private async checkConsistency(bound: number): Promise<void> {
    const { audit } = this.options;
    let previous: StoredCheckpoint | undefined;
    for (let after = 0; ; ) {
      const batch = await audit.readCheckpoints(after, bound, 500);
      if (batch.length === 0) return;
      const chain = previous ? [previous, ...batch] : batch;
      const pairs = chain.slice(1).map((to, i) => ({ from: chain[i], to }));
      const proofs = await this.fromStoredTree((read) => pairs.map(({ from, to }) => consistencyProof(from.treeSize, to.treeSize, read)));
      pairs.forEach(({ from, to }, i) => this.checkPair(from, to, proofs[i]));
      previous = batch[batch.length - 1];
      after = previous.treeSize;
    }
  }

  private async fromStoredTree<T>(compute: (read: NodeReader) => T): Promise<T> {
    try {
      return await computeFromStorage(compute, (keys) => this.options.audit.readNodeHashes(keys));
    } catch (error) {
      if (!(error instanceof MissingTreeNodeError)) throw error;
      throw fail({ kind: 'TREE_MISMATCH', detail: `${error.message}: the stored tree cannot serve proofs` });
    }
  }

  private checkPair(from: StoredCheckpoint, to: StoredCheckpoint, proof: Buffer[]): void {
    try {
      verifyConsistency(from.treeSize, to.treeSize, proof, from.rootHash, to.rootHash);
    } catch (error) {
      if (!(error instanceof ProofError)) throw error;
      throw fail({
        kind: 'INCONSISTENT',
        treeSize: to.treeSize,
        detail: `The stored tree does not prove the checkpoint of size ${from.treeSize} consistent with the one of size ${to.treeSize}: ${error.message}`,
      });
    }
  }
}
