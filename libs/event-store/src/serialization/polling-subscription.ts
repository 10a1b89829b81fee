import type { ReadAllOptions, StoredEvent, SubscribeOptions } from '../event-store.port';

/**
 * Wakes waiting subscribers: at once when this process appends, and every `pollIntervalMs` to pick
 * up appends made by other processes on the same database.
 */
export class AppendSignal {
  private waiters = new Set<() => void>();
  private readonly listeners = new Set<() => void>();
  /** Bumped on every local append, so a reader can tell whether one happened while it was reading. */
  generation = 0;

  constructor(private readonly pollIntervalMs: number) {}

  notify(): void {
    this.generation++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` on every notification from now on; returns what removes it. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  wait(sinceGeneration: number, signal?: AbortSignal): Promise<void> {
    if (sinceGeneration !== this.generation || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

/** Catch-up then live, built on `readAll` batches: shared by the SQL adapters. */
export async function* pollingSubscription(
  readAll: (options: ReadAllOptions) => Promise<StoredEvent[]>,
  appended: AppendSignal,
  options: SubscribeOptions & { batchSize: number },
): AsyncGenerator<StoredEvent> {
  const { signal, batchSize } = options;
  let after = options.after;
  while (!signal?.aborted) {
    const generation = appended.generation;
    const batch = await readAll({ after, maxCount: batchSize });
    for (const event of batch) {
      if (signal?.aborted) return;
      yield event;
      after = event.position;
    }
    if (batch.length < batchSize) await appended.wait(generation, signal);
  }
}
