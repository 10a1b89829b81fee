import type { AuditStore, SealedLeaf, StoredCheckpoint } from './audit-store.port';
import { signCheckpoint } from './checkpoint-note';
import { consistencyProof, frontierRoot, inclusionProof } from './merkle-tree';
import type { NoteSigner } from './signed-note';
import { computeFromStorage } from './stored-tree';

/**
 * Why a proof or checkpoint could not be served: `POSITION_NOT_SEALED` (beyond the sealed log:
 * not appended or not sealed yet), `POSITION_NOT_FOUND` (inside the sealed log, but no event has
 * that position: positions are not dense), `CHECKPOINT_NOT_FOUND` (no checkpoint, or none of that
 * size), `POSITION_NOT_IN_CHECKPOINT` (sealed after the checkpoint asked for), `INVALID_RANGE`
 * (sizes no consistency proof exists for), `NO_SIGNING_KEY`, `LEAF_MISMATCH` (a stored event no
 * longer matches its sealed leaf: the log needs `verify`).
 */
export type AuditErrorCode =
  | 'POSITION_NOT_SEALED'
  | 'POSITION_NOT_FOUND'
  | 'CHECKPOINT_NOT_FOUND'
  | 'POSITION_NOT_IN_CHECKPOINT'
  | 'INVALID_RANGE'
  | 'NO_SIGNING_KEY'
  | 'LEAF_MISMATCH';

/** A proof or checkpoint the log cannot serve, with its stable code. */
export class AuditError extends Error {
  constructor(
    readonly code: AuditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuditError';
  }
}

/** An inclusion proof of one event in a stored checkpoint. */
export interface InclusionProofOf {
  readonly position: bigint;
  readonly leafIndex: number;
  readonly leafHash: Buffer;
  /** RFC 9162 audit path, from the leaf's sibling up. */
  readonly auditPath: Buffer[];
  readonly checkpoint: StoredCheckpoint;
}

/** A consistency proof between two stored checkpoints. */
export interface ConsistencyProofOf {
  readonly from: StoredCheckpoint;
  readonly to: StoredCheckpoint;
  readonly proof: Buffer[];
}

/** What an {@link AuditLog} signs with, and its clock. */
export interface AuditLogOptions {
  /** Signs checkpoints; its name is the log's origin. Readers that never sign may omit it. */
  readonly signer?: NoteSigner;
  readonly clock?: () => Date;
}

/** Checkpoints and proofs over the sealed tree; sealing itself is the {@link AuditSealer}'s. */
export class AuditLog {
  constructor(
    readonly store: AuditStore,
    private readonly options: AuditLogOptions = {},
  ) {}

  /**
   * Signs a checkpoint of the sealed tree if it grew since the latest one. Resolves with the latest
   * checkpoint and whether this call made it; `undefined` while nothing is sealed.
   */
  async checkpoint(): Promise<{ checkpoint: StoredCheckpoint; created: boolean } | undefined> {
    const { signer, clock = () => new Date() } = this.options;
    if (!signer) throw new AuditError('NO_SIGNING_KEY', 'This process has no signing key');
    // Read before the state: a checkpoint stored meanwhile can only be at or below the state read after it.
    const latest = await this.store.latestCheckpoint();
    const state = await this.store.sealState();
    if (state.treeSize === 0) return undefined;
    if (latest && latest.treeSize >= state.treeSize) return { checkpoint: latest, created: false };
    const rootHash = frontierRoot(state.frontier);
    const signedAt = clock().toISOString();
    const note = signCheckpoint(state.treeSize, rootHash, signedAt, signer);
    // Two processes may sign the same size at once; the first stored wins and both return it.
    const stored = await this.store.saveCheckpoint({ treeSize: state.treeSize, rootHash, note, signedAt });
    return { checkpoint: stored, created: stored.note === note };
  }

  /** The checkpoint of `treeSize`, or the latest one. */
  async checkpointOf(treeSize?: number): Promise<StoredCheckpoint> {
    const checkpoint = treeSize === undefined ? await this.store.latestCheckpoint() : await this.store.checkpointAt(treeSize);
    if (!checkpoint) {
      throw new AuditError('CHECKPOINT_NOT_FOUND', treeSize === undefined ? 'No checkpoint has been signed yet' : `No checkpoint of size ${treeSize}`);
    }
    return checkpoint;
  }

  /** The inclusion proof of the event at `position` in the latest checkpoint, or in the one of `treeSize`. */
  async inclusionProof(position: bigint, treeSize?: number): Promise<InclusionProofOf> {
    const leaf = await this.store.leafAt(position);
    if (!leaf) throw await this.notSealed(position);
    const checkpoint = await this.checkpointOf(treeSize);
    const [auditPath] = await this.auditPaths([leaf], checkpoint);
    return { position, leafIndex: leaf.leafIndex, leafHash: leaf.hash, auditPath, checkpoint };
  }

  /** Audit paths of several sealed leaves in one checkpoint, read from storage at once. */
  async auditPaths(leaves: readonly SealedLeaf[], checkpoint: StoredCheckpoint): Promise<Buffer[][]> {
    const outside = leaves.find((leaf) => leaf.leafIndex >= checkpoint.treeSize);
    if (outside) {
      throw new AuditError(
        'POSITION_NOT_IN_CHECKPOINT',
        `The event at position ${outside.position} was sealed as leaf ${outside.leafIndex}, after the checkpoint of size ${checkpoint.treeSize}`,
      );
    }
    return computeFromStorage((read) => leaves.map((leaf) => inclusionProof(leaf.leafIndex, checkpoint.treeSize, read)), (keys) =>
      this.store.readNodeHashes(keys),
    );
  }

  /** The consistency proof between the stored checkpoints of sizes `from` and `to`. */
  async consistencyProof(from: number, to: number): Promise<ConsistencyProofOf> {
    if (!(from >= 1 && from <= to)) throw new AuditError('INVALID_RANGE', `No consistency proof from size ${from} to ${to}: 1 ≤ from ≤ to`);
    const [older, newer] = [await this.checkpointOf(from), await this.checkpointOf(to)];
    const proof = await computeFromStorage((read) => consistencyProof(from, to, read), (keys) => this.store.readNodeHashes(keys));
    return { from: older, to: newer, proof };
  }

  private async notSealed(position: bigint): Promise<AuditError> {
    const { sealedPosition } = await this.store.sealState();
    if (sealedPosition !== undefined && position <= sealedPosition) {
      return new AuditError('POSITION_NOT_FOUND', `No event was sealed at position ${position}`);
    }
    return new AuditError('POSITION_NOT_SEALED', `Position ${position} is beyond the sealed log (sealed up to ${sealedPosition ?? 'nothing'})`);
  }
}
