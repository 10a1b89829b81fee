import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import type { AuditStore, StoredCheckpoint } from './audit-store.port';
import { openCheckpoint } from './checkpoint-note';
import { type CosignerKey, cosignatureLine, formatCosignerKey } from './cosignature';
import { consistencyProof } from './merkle-tree';
import { ProofError, verifyConsistency } from './proofs';
import { type NoteVerifier, parseCheckpoint, SignedNoteError, splitNote } from './signed-note';
import { computeFromStorage, MissingTreeNodeError } from './stored-tree';

/** C2SP tlog-witness `add-checkpoint`: the size the client believes the witness holds, a consistency proof from it, and the new checkpoint. */
export interface AddCheckpointRequest {
  readonly oldSize: number;
  readonly proof: readonly Buffer[];
  /** The checkpoint as a signed note, with its log's signature. */
  readonly checkpoint: string;
}

/**
 * Why a witness refused to cosign, with the HTTP status C2SP tlog-witness gives it: 400 (malformed,
 * or an old size beyond the checkpoint: the tree would shrink), 403 (not signed by the log's key),
 * 404 (a log it does not witness), 409 (another old size than the one it cosigned, given in
 * `latestSize`, or another root at the same size: a fork), 422 (the consistency proof fails: a fork).
 */
export class WitnessError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 422,
    message: string,
    readonly latestSize?: number,
  ) {
    super(message);
    this.name = 'WitnessError';
  }
}

const MAX_PROOF_LINES = 63;

/** The body of an `add-checkpoint` request. */
export const formatAddCheckpoint = ({ oldSize, proof, checkpoint }: AddCheckpointRequest): string =>
  `old ${oldSize}\n${proof.map((hash) => `${hash.toString('base64')}\n`).join('')}\n${checkpoint}`;

/** Reads the body of an `add-checkpoint` request; a {@link WitnessError} 400 when malformed. */
export const parseAddCheckpoint = (body: string): AddCheckpointRequest => {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new WitnessError(400, 'An add-checkpoint body is an old size line, proof lines, a blank line and the checkpoint');
  const [sizeLine, ...proofLines] = body.slice(0, blank).split('\n');
  const size = /^old (0|[1-9][0-9]*)$/.exec(sizeLine)?.[1];
  if (size === undefined || !Number.isSafeInteger(Number(size))) throw new WitnessError(400, `Not an old size line: ${JSON.stringify(sizeLine)}`);
  if (proofLines.length > MAX_PROOF_LINES) throw new WitnessError(400, `More than ${MAX_PROOF_LINES} consistency proof lines`);
  const proof = proofLines.map((line) => {
    const hash = Buffer.from(line, 'base64');
    if (hash.length !== 32 || hash.toString('base64') !== line) throw new WitnessError(400, `Not a base64 hash: ${JSON.stringify(line)}`);
    return hash;
  });
  return { oldSize: Number(size), proof, checkpoint: body.slice(blank + 2) };
};

/** What a witness remembers of one log: the latest checkpoint it cosigned. */
export interface WitnessedCheckpoint {
  readonly treeSize: number;
  /** Base64, as in the checkpoint. */
  readonly rootHash: string;
  /** When it cosigned it (ISO 8601 UTC). */
  readonly cosignedAt: string;
  /** The checkpoint with the log's signature and the witness's cosignature: what `verify --witness-key` checks a log against. */
  readonly note: string;
}

/**
 * Where a witness keeps the latest checkpoint it cosigned per log. `update` must check and store
 * atomically (C2SP tlog-witness): two submissions checked against the same old checkpoint must not
 * both be stored, or the second could roll the first back.
 */
export interface WitnessState {
  latest(origin: string): Promise<WitnessedCheckpoint | undefined>;
  /** Runs `decide` on the latest record of `origin` with nothing else updating it meanwhile, and stores what it returns. */
  update(origin: string, decide: (latest: WitnessedCheckpoint | undefined) => WitnessedCheckpoint): Promise<WitnessedCheckpoint>;
}

/** The state file's content: one record per log, by origin. */
export interface WitnessStateFile {
  readonly format: 'mandate-ledger/witness-state';
  readonly version: 1;
  /** The witness's vkey, so that a state is never continued with another key. */
  readonly witness: string;
  readonly logs: Readonly<Record<string, WitnessedCheckpoint>>;
}

const LOCK_WAIT_MS = 10_000;

/**
 * A witness's state in one JSON file, replaced atomically (written beside it, synced, renamed), the
 * check-and-store of each update holding a lock file (`<file>.lock`, with the holder's pid) against
 * other processes and a queue against calls of this one.
 */
export class FileWitnessState implements WitnessState {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly witnessVkey: string,
  ) {
    if (existsSync(path)) this.read();
  }

  async latest(origin: string): Promise<WitnessedCheckpoint | undefined> {
    return this.read().logs[origin];
  }

  update(origin: string, decide: (latest: WitnessedCheckpoint | undefined) => WitnessedCheckpoint): Promise<WitnessedCheckpoint> {
    const run = this.queue.then(() => this.locked(() => {
      const state = this.read();
      const next = decide(state.logs[origin]);
      this.write({ ...state, logs: { ...state.logs, [origin]: next } });
      return next;
    }));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private read(): WitnessStateFile {
    if (!existsSync(this.path)) return { format: 'mandate-ledger/witness-state', version: 1, witness: this.witnessVkey, logs: {} };
    const state = JSON.parse(readFileSync(this.path, 'utf8')) as WitnessStateFile;
    if (state.format !== 'mandate-ledger/witness-state' || state.version !== 1) throw new Error(`${this.path} is not a witness state file`);
    if (state.witness !== this.witnessVkey) throw new Error(`${this.path} is the state of the witness ${state.witness}, not of ${this.witnessVkey}`);
    return state;
  }

  private write(state: WitnessStateFile): void {
    const temporary = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
  }

  private async locked<T>(work: () => T): Promise<T> {
    const lock = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (!holderAlive(lock)) rmSync(lock, { force: true });
        else if (Date.now() > deadline) throw new Error(`${lock} is held by another process`);
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    try {
      return work();
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

const holderAlive = (lock: string): boolean => {
  try {
    process.kill(Number(readFileSync(lock, 'utf8')), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A transparency-log witness (C2SP tlog-witness): cosigns a log's checkpoint only if it is signed by
 * the log's key and consistent with the latest checkpoint it cosigned for that log, so the tree
 * it vouches for only grows. A log rolled back, or rewritten from an older size, never gets another
 * cosignature; a checkpoint it cosigned, kept outside the log's database, makes `verify` detect it.
 */
export class Witness {
  private readonly logs: Map<string, NoteVerifier>;

  constructor(
    readonly key: CosignerKey,
    logs: readonly NoteVerifier[],
    readonly state: WitnessState,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.logs = new Map(logs.map((log) => [log.name, log]));
  }

  /** The witness's vkey (C2SP: signature type 0x04, cosignature/v1). */
  get vkey(): string {
    return formatCosignerKey(this.key.name, this.key.privateKey);
  }

  /** Checks the request as C2SP tlog-witness says and answers the cosignature line; throws a {@link WitnessError}. */
  async addCheckpoint(request: AddCheckpointRequest | string): Promise<string> {
    const { oldSize, proof, checkpoint } = typeof request === 'string' ? parseAddCheckpoint(request) : request;
    const origin = originOf(checkpoint);
    const log = this.logs.get(origin);
    if (!log) throw new WitnessError(404, `This witness does not witness the log ${origin}`);
    let opened: ReturnType<typeof openCheckpoint>;
    try {
      opened = openCheckpoint(checkpoint, log);
    } catch (error) {
      throw new WitnessError(403, `The checkpoint is not signed by the key of ${origin}: ${(error as Error).message}`);
    }
    const { treeSize, rootHash } = opened;
    if (oldSize > treeSize) throw new WitnessError(400, `The old size ${oldSize} is beyond the checkpoint's ${treeSize}: the tree would shrink`);
    let line = '';
    await this.state.update(origin, (latest) => {
      const latestSize = latest?.treeSize ?? 0;
      if (oldSize !== latestSize) throw new WitnessError(409, `The latest checkpoint of ${origin} this witness cosigned has size ${latestSize}, not ${oldSize}`, latestSize);
      if (latest && oldSize === treeSize && latest.rootHash !== rootHash.toString('base64')) {
        throw new WitnessError(409, `The checkpoint of size ${treeSize} has another root than the one this witness cosigned: the log forked`, latestSize);
      }
      if (latest && oldSize < treeSize) {
        try {
          verifyConsistency(oldSize, treeSize, proof, Buffer.from(latest.rootHash, 'base64'), rootHash);
        } catch (error) {
          if (!(error instanceof ProofError)) throw error;
          throw new WitnessError(422, `The checkpoint of size ${treeSize} is not consistent with the one of size ${oldSize} this witness cosigned: ${error.message}`, latestSize);
        }
      } else if (proof.length > 0) {
        throw new WitnessError(400, 'A proof from the old size to the same size, or from 0, is empty');
      }
      const now = this.clock();
      line = cosignatureLine(splitNote(checkpoint).body, this.key, Math.floor(now.getTime() / 1000));
      return { treeSize, rootHash: rootHash.toString('base64'), cosignedAt: now.toISOString(), note: `${checkpoint}${line}` };
    });
    return line;
  }
}

const originOf = (note: string): string => {
  try {
    return parseCheckpoint(splitNote(note).body).origin;
  } catch (error) {
    if (error instanceof SignedNoteError) throw new WitnessError(400, `Not a checkpoint: ${error.message}`);
    throw error;
  }
};

/**
 * The log's side: the request that submits `checkpoint` to a witness that last cosigned `oldSize`,
 * with the consistency proof computed from the stored tree (empty when the tree cannot give one:
 * the witness then refuses, as it must).
 */
export const addCheckpointRequestFor = async (audit: AuditStore, checkpoint: StoredCheckpoint, oldSize: number): Promise<AddCheckpointRequest> => {
  let proof: Buffer[] = [];
  if (oldSize > 0 && oldSize < checkpoint.treeSize) {
    try {
      proof = await computeFromStorage((read) => consistencyProof(oldSize, checkpoint.treeSize, read), (keys) => audit.readNodeHashes(keys));
    } catch (error) {
      if (!(error instanceof MissingTreeNodeError)) throw error;
    }
  }
  return { oldSize, proof, checkpoint: checkpoint.note };
};
