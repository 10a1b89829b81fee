import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import { type EventStoreConfig } from '@mandate-ledger/event-store';
import { thrownMessageOf, workerScriptBeside } from '@mandate-ledger/storage';
import type { SealState } from './audit-store.port';
import { frontierFromJson } from './merkle-tree';
import type { SealerOptions } from './sealer';
// Type-only, yet it also puts the worker's file in the server's build, which loads it by path.
import type { SealerReply, SealerRequest, SealerWorkerData } from './sealer.worker';

const WORKER = workerScriptBeside(__filename, 'sealer.worker');

const reasonOf = (thrown: unknown): string => thrownMessageOf(thrown) ?? `The sealer thread failed: ${inspect(thrown)}`;

/** Tuning of a {@link SealerThread}. */
export interface SealerThreadOptions extends SealerOptions {
  /** Told when the thread dies (seals waiting on it are rejected with the same error); the next seal starts a new one. */
  readonly onError?: (error: Error) => void;
}

interface Waiting {
  readonly resolve: (reply: SealerReply) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The `AuditSealer` on a worker thread with its own connections to the log (its own SQLite
 * connection to the file, or its own small PostgreSQL pool): reading, canonicalising and hashing
 * events never takes the event loop from the appends and requests of the thread that calls it.
 * The thread starts at the first seal and keeps the process alive only while a seal is asked for.
 */
export class SealerThread {
  private worker?: Worker;
  private closed = false;
  private lastId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly config: EventStoreConfig,
    private readonly options: SealerThreadOptions = {},
  ) {}

  /** As `AuditSealer.sealAvailable`: what was appended before the call is sealed when it resolves. */
  async sealAvailable(): Promise<SealState | undefined> {
    if (this.closed) throw new Error('The sealer thread is closed');
    const { state } = await this.request((this.worker ??= this.spawn()), 'seal');
    return state && { treeSize: state.treeSize, frontier: frontierFromJson(state.frontier), sealedPosition: state.sealedPosition };
  }

  /** Resolves once no seal is in flight, without starting one. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled(this.inFlight);
  }

  /** Lets the seal in flight finish, closes the thread's connections, then ends the thread. */
  async close(): Promise<void> {
    this.closed = true;
    await this.whenIdle();
    const worker = this.worker;
    if (!worker) return;
    try {
      await this.request(worker, 'close');
    } finally {
      // From here its exit is expected, not a crash to report.
      this.worker = undefined;
      await worker.terminate();
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER.file, {
      workerData: { config: this.config, options: { batchSize: this.options.batchSize } } satisfies SealerWorkerData,
      execArgv: WORKER.execArgv,
    });
    worker.unref();
    worker.on('message', (reply: SealerReply) => this.settle(worker, reply));
    worker.on('error', (thrown: unknown) => this.died(worker, new Error(reasonOf(thrown))));
    worker.on('exit', (code) => this.died(worker, new Error(`The sealer thread exited with code ${code}`)));
    return worker;
  }

  private async request(worker: Worker, type: SealerRequest['type']): Promise<SealerReply> {
    const id = ++this.lastId;
    const reply = new Promise<SealerReply>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.inFlight.add(reply);
    worker.ref();
    worker.postMessage({ id, type } satisfies SealerRequest);
    try {
      const settled = await reply;
      if (settled.error) throw Object.assign(new Error(settled.error.message), { name: settled.error.name });
      return settled;
    } finally {
      this.inFlight.delete(reply);
    }
  }

  private settle(worker: Worker, reply: SealerReply): void {
    this.waiting.get(reply.id)?.resolve(reply);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) worker.unref();
  }

  private died(worker: Worker, error: Error): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
    this.options.onError?.(error);
  }
}
