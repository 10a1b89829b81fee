import { Logger } from '@nestjs/common';
import { type AuditConfig, type AuditedLog, AuditLog, openAuditedLog, SealerThread, type StoredCheckpoint } from '@mandate-ledger/audit';
import type { EventStore, EventStoreConfig } from '@mandate-ledger/event-store';

/** Runs a task every `ms` milliseconds, never two at once, without keeping the process alive. */
class Periodic {
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly ms: number,
    private readonly task: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.ms > 0) this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), this.ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.inFlight = this.task().then(() => undefined, this.onError);
    await this.inFlight;
    this.inFlight = undefined;
    if (!this.stopped) this.schedule();
  }

  /** Stops the timer and waits for the run in flight, so nothing touches a closed store. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }
}

/** The latest checkpoint, and whether this call signed it. */
export type CheckpointOutcome = { checkpoint: StoredCheckpoint; created: boolean };

/**
 * The server's side of the verifiable history: the stored log opened without upcasters, the
 * sealer following it on a thread of its own, and the timers that seal and sign checkpoints while
 * the log grows.
 */
export class AuditRuntime {
  private readonly logger = new Logger('Audit');
  private readonly timers: Periodic[];
  private readonly listeners = new Set<(checkpoint: StoredCheckpoint) => void>();
  readonly sealer: SealerThread;

  private constructor(
    private readonly opened: AuditedLog,
    readonly config: AuditConfig,
    eventStore: EventStoreConfig,
    readonly log: AuditLog,
  ) {
    const report = (what: string) => (error: unknown) => this.logger.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    // Hashing the log on the event loop would take it from the appends: the sealer has its own thread.
    this.sealer = new SealerThread(eventStore, { onError: report('Sealer thread') });
    this.timers = [
      new Periodic(config.sealIntervalMs, () => this.sealer.sealAvailable(), report('Sealing')),
      new Periodic(config.checkpointIntervalMs, () => this.checkpointNow(), report('Checkpointing')),
    ];
  }

  static async open(eventStore: EventStoreConfig, config: AuditConfig): Promise<AuditRuntime> {
    const opened = await openAuditedLog(eventStore);
    return new AuditRuntime(opened, config, eventStore, new AuditLog(opened.audit, { signer: config.signer }));
  }

  /** The event log in stored form (opened without upcasters): what evidence bundles cite and leaves hash. */
  get storedEvents(): EventStore {
    return this.opened.events;
  }

  start(): void {
    for (const timer of this.timers) timer.start();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) await timer.stop();
    try {
      // A seal asked for by a request may still be running: the thread ends after it.
      await this.sealer.close();
    } finally {
      await this.opened.close();
    }
  }

  /**
   * Seals what is readable now, then signs a checkpoint if the tree grew: the checkpoint timer's
   * tick and `POST /audit/checkpoints`. `undefined` while the log is empty. A replica that is not
   * the sealer signs what the sealer has sealed.
   */
  async checkpointNow(): Promise<CheckpointOutcome | undefined> {
    await this.sealer.sealAvailable();
    const outcome = await this.log.checkpoint();
    if (outcome?.created) for (const listener of this.listeners) listener(outcome.checkpoint);
    return outcome;
  }

  /** Resolves with the first checkpoint this process signs that covers `treeSize` leaves, or one stored already. */
  async checkpointCovering(treeSize: number): Promise<StoredCheckpoint> {
    let listener: (checkpoint: StoredCheckpoint) => void = () => undefined;
    const made = new Promise<StoredCheckpoint>((resolve) => {
      listener = (checkpoint) => checkpoint.treeSize >= treeSize && resolve(checkpoint);
      this.listeners.add(listener);
    });
    try {
      const latest = await this.log.store.latestCheckpoint();
      return latest && latest.treeSize >= treeSize ? latest : await made;
    } finally {
      this.listeners.delete(listener);
    }
  }
}
