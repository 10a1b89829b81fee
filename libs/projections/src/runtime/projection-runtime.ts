import type { EventStore } from '@mandate-ledger/event-store';
import { type Projection, validateProjection } from '../projection';
import type { Generation, ReadStore } from '../read-store/read-store.port';
import { Projector, type ProjectorOptions, type ProjectorOutcome } from './projector';

export interface RuntimeLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface ProjectionRuntimeOptions extends Pick<ProjectorOptions, 'batchSize' | 'liveBatchSize' | 'cacheSize' | 'upcast'> {
  /**
   * How often each projection's supervisor looks again for work (a lock released or a lease expired
   * by a holder that died, a stalled rebuild). Default 2 s.
   */
  readonly replanIntervalMs?: number;
  /** A generation being built elsewhere with no commit for this long is taken over. Default 10 s. */
  readonly staleAfterMs?: number;
  /** How often `waitForPosition` reads the checkpoint when the projector runs in another process. Default 25 ms. */
  readonly pollIntervalMs?: number;
  readonly logger?: RuntimeLogger;
  /** Told after every commit of this runtime's projectors (the projector thread passes it on to the API's thread). */
  readonly onCommit?: () => void;
}

const SILENT: RuntimeLogger = { log: () => undefined, error: () => undefined };

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Keeps every projection of the application up to date in this process: per projection, follows
 * the live generation and builds a new one when the code's version has none (or takes over a
 * rebuild that stalled elsewhere). Started on the API's bootstrap; the CLI runs projectors directly.
 */
export class ProjectionRuntime {
  private readonly abort = new AbortController();
  private supervisors: Promise<void>[] = [];
  private commitListeners = new Set<() => void>();
  /** Projections whose live version is newer than this process's, already logged. */
  private readonly leftToNewer = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    readonly projections: readonly Projection<unknown>[],
    private readonly options: ProjectionRuntimeOptions = {},
  ) {
    projections.forEach(validateProjection);
  }

  start(): void {
    if (this.supervisors.length > 0) return;
    this.supervisors = this.projections.map((projection) => this.supervise(projection));
  }

  /** Stops every projector after its current batch (a batch is committed whole or not at all). */
  async stop(): Promise<void> {
    this.abort.abort();
    this.notifyCommit();
    await Promise.all(this.supervisors);
    this.supervisors = [];
  }

  /**
   * Resolves true once the live generation of `name` has applied `position`, false after
   * `timeoutMs`. Woken by this process's commits, and polls for projectors running elsewhere.
   */
  async waitForPosition(name: string, position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const active = await this.readStore.activeGeneration(name);
      if (active?.checkpoint !== undefined && active.checkpoint >= position) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.abort.signal.aborted) return false;
      await this.nextCommit(Math.min(remaining, this.options.pollIntervalMs ?? 25));
    }
  }

  private nextCommit(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.commitListeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.commitListeners.add(done);
    });
  }

  /** Wakes the `waitForPosition` calls of this process now: a projector elsewhere (its projector thread) has committed. */
  committedElsewhere(): void {
    this.notifyCommit();
  }

  private notifyCommit(): void {
    const listeners = this.commitListeners;
    this.commitListeners = new Set();
    for (const listener of listeners) listener();
  }

  private async supervise(projection: Projection<unknown>): Promise<void> {
    const logger = this.options.logger ?? SILENT;
    const signal = this.abort.signal;
    const running = new Map<number, Promise<void>>();
    const failedHere = new Set<number>();
    let wake: () => void = () => undefined;
    while (!signal.aborted) {
      const woken = new Promise<void>((resolve) => (wake = resolve));
      try {
        await this.readStore.dropRetired(projection.name);
        for (const generation of await this.plan(projection)) {
          if (running.has(generation) || failedHere.has(generation)) continue;
          const projector = new Projector(this.store, this.readStore, projection, { name: projection.name, generation }, {
            batchSize: this.options.batchSize,
            liveBatchSize: this.options.liveBatchSize,
            cacheSize: this.options.cacheSize,
            upcast: this.options.upcast,
            signal,
            onCommit: () => {
              this.notifyCommit();
              this.options.onCommit?.();
            },
          });
          const run = projector
            .run()
            .then(
              (outcome: ProjectorOutcome) => {
                if (outcome === 'failed') {
                  failedHere.add(generation);
                  logger.error(`projection ${projection.name} (generation ${generation}) stopped on an event it cannot apply: see projections status`);
                }
                return outcome;
              },
              (error: unknown) => logger.error(`projection ${projection.name} (generation ${generation}): ${error instanceof Error ? error.message : error}; retrying`),
            )
            .then((outcome) => {
              running.delete(generation);
              // Another process projects it: look again at the next interval, not at once, so that
              // watching costs one look per interval (a read in SQLite, a connection in PostgreSQL).
              if (outcome !== 'locked') wake();
            });
          running.set(generation, run);
        }
      } catch (error) {
        logger.error(`projection ${projection.name}: ${error instanceof Error ? error.message : error}; retrying`);
      }
      await Promise.race([woken, sleep(this.options.replanIntervalMs ?? 2000, signal)]);
      // A projector that just ended is not restarted at once: a broken connection would spin.
      if (!signal.aborted && running.size === 0) await sleep(100, signal);
    }
    await Promise.all(running.values());
  }

  /**
   * The generations this process should run: the live one if the code still has its version, and
   * the one being built. None while a newer version is live: that belongs to a newer release, and
   * building this one beside it would switch the read model back when it caught up.
   */
  private async plan(projection: Projection<unknown>): Promise<number[]> {
    const generations = (await this.readStore.generations(projection.name)).filter((g) => g.state !== 'retired');
    const active = generations.find((g) => g.active);
    if (active && active.version > projection.version) {
      if (!this.leftToNewer.has(projection.name)) {
        this.leftToNewer.add(projection.name);
        (this.options.logger ?? SILENT).log(
          `projection ${projection.name}: version ${active.version} is live, newer than this process's version ${projection.version}; left to the release that runs it`,
        );
      }
      return [];
    }
    const targets: number[] = [];
    if (active?.version === projection.version) targets.push(active.generation);
    const building = generations.filter((g) => !g.active && g.version === projection.version && g.generation > (active?.generation ?? 0)).at(-1);
    if (building) {
      // Queries wait for it (no live generation of this version): build it. Otherwise leave a rebuild
      // that is progressing elsewhere (the CLI) alone, and take it over only when it stalls.
      if (active?.version !== projection.version || this.isStale(building)) targets.push(building.generation);
    } else if (targets.length === 0) {
      const created = await this.readStore.createGeneration(projection);
      (this.options.logger ?? SILENT).log(
        `projection ${projection.name}: building version ${projection.version} as generation ${created.generation}` +
          (active ? ` beside generation ${active.generation} (version ${active.version}), which serves queries until it has caught up` : ''),
      );
      targets.push(created.generation);
    }
    return targets;
  }

  private isStale(generation: Generation): boolean {
    return Date.now() - Date.parse(generation.updatedAt) > (this.options.staleAfterMs ?? 10_000);
  }
}
