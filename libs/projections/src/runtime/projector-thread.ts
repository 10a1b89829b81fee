import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import { type EventStoreConfig } from '@mandate-ledger/event-store';
import { thrownMessageOf, workerScriptBeside } from '@mandate-ledger/storage';
import type { ReadStoreConfig } from '../read-store/read-store.config';
import { PacedCalls } from './paced-calls';
import type { ProjectionRuntimeOptions, RuntimeLogger } from './projection-runtime';
// Type-only, yet it also puts the worker's file in the server's build, which loads it by path.
import type { ProjectorMessage, ProjectorRequest, ProjectorWorkerData } from './projector.worker';

const WORKER = workerScriptBeside(__filename, 'projector.worker');

/** How long `stop` waits for the batches in flight before ending the thread anyway. */
const STOP_TIMEOUT_MS = 30_000;

/** See {@link ProjectorThreadOptions.wakeIntervalMs}. */
const WAKE_INTERVAL_MS = 10;

export interface ProjectorThreadOptions extends Pick<ProjectionRuntimeOptions, 'replanIntervalMs' | 'staleAfterMs'> {
  /** Told after every commit of a projector on the thread (the API wakes the queries waiting for a position). */
  readonly onCommit: () => void;
  readonly logger: RuntimeLogger;
  /** How long after the thread died a new one starts. Default 1 s. */
  readonly restartAfterMs?: number;
  /** The application's projections to run, by name (default all; the projections benchmark runs the board alone). */
  readonly projections?: readonly string[];
  /**
   * The least time between two wake-ups by `appended()`: under steady appends each projection then
   * commits what came in that time as one batch, not one commit per append, for a few milliseconds
   * more lag (figures in docs/time-travel.md). An append after a quiet spell wakes it at once. Default 10 ms.
   */
  readonly wakeIntervalMs?: number;
}

/**
 * The application's projection runtime on a worker thread with its own connections to the log and
 * the read store: applying events and committing read-model rows never takes the event loop from
 * the appends and requests of the API's thread. Tell it of each local append with `appended()`, so
 * it reads at once instead of at its next poll; appends of other processes reach it by polling.
 */
export class ProjectorThread {
  private worker?: Worker;
  private stopping = false;
  private restart?: NodeJS.Timeout;
  private stopped?: () => void;
  private ready?: () => void;
  private readonly wakes: PacedCalls;

  constructor(
    private readonly eventStore: EventStoreConfig,
    private readonly readStore: ReadStoreConfig,
    private readonly options: ProjectorThreadOptions,
  ) {
    this.wakes = new PacedCalls(() => this.worker?.postMessage({ type: 'appended' } satisfies ProjectorRequest), options.wakeIntervalMs ?? WAKE_INTERVAL_MS);
  }

  /** Resolves once the thread has opened its connections and started its projectors, or has died trying (it is then restarted). */
  start(): Promise<void> {
    if (this.worker || this.stopping) return Promise.resolve();
    const { replanIntervalMs, staleAfterMs, projections } = this.options;
    const worker = new Worker(WORKER.file, {
      workerData: { eventStore: this.eventStore, readStore: this.readStore, options: { replanIntervalMs, staleAfterMs }, projections } satisfies ProjectorWorkerData,
      execArgv: WORKER.execArgv,
    });
    // The API's server keeps the process alive, not this thread (the sealer's does the same).
    worker.unref();
    worker.on('message', (message: ProjectorMessage) => this.received(message));
    worker.on('error', (thrown: unknown) => this.options.logger.error(`the projector thread failed: ${thrownMessageOf(thrown) ?? inspect(thrown)}`));
    worker.on('exit', (code) => this.exited(worker, code));
    this.worker = worker;
    return new Promise((resolve) => (this.ready = resolve));
  }

  /** An append was committed in this thread: the projector thread reads the log now, or at the end of the wake interval. */
  appended(): void {
    this.wakes.request();
  }

  /** Lets each projector finish (or abandon) its batch and close its connections, then ends the thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restart);
    this.wakes.cancel();
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => (this.stopped = resolve));
    worker.ref();
    worker.postMessage({ type: 'stop' } satisfies ProjectorRequest);
    const timeout = setTimeout(() => this.stopped?.(), STOP_TIMEOUT_MS);
    await stopped;
    clearTimeout(timeout);
    this.worker = undefined;
    await worker.terminate();
  }

  private received(message: ProjectorMessage): void {
    if (message.type === 'committed') this.options.onCommit();
    else if (message.type === 'log') this.options.logger[message.level](message.message);
    else if (message.type === 'ready') this.ready?.();
    else this.stopped?.();
  }

  private exited(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    // Every waiting `start` or `stop` ends with the thread, whatever its exit.
    this.ready?.();
    this.stopped?.();
    if (this.stopping) return;
    const after = this.options.restartAfterMs ?? 1000;
    this.options.logger.error(`the projector thread exited with code ${code}; starting a new one in ${after} ms`);
    this.restart = setTimeout(() => void this.start(), after);
    this.restart.unref();
  }
}
