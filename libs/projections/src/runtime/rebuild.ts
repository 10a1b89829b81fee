import type { EventStore } from '@mandate-ledger/event-store';
import type { Projection } from '../projection';
import type { Generation, ReadStore } from '../read-store/read-store.port';
import { Projector, type ProjectorOptions, type ProjectorOutcome } from './projector';

export interface RebuildOptions extends Omit<ProjectorOptions, 'stopWhenCaughtUp'> {
  /** Continue the newest generation still being built (an interrupted rebuild) instead of starting another. */
  readonly resume?: boolean;
  /**
   * How long to wait for another process's writer of the generation to let it go before giving up
   * (`locked`). Default 10 s: longer than a SQLite lease, so that a rebuild killed a moment ago is
   * resumed once its lease has expired, while a generation another live process builds is left to it.
   */
  readonly waitForWriterMs?: number;
  /** Called once when the generation is held by another writer and the rebuild waits for it. */
  readonly onWaiting?: (generation: Generation) => void;
}

export interface RebuildResult {
  readonly generation: Generation;
  readonly outcome: ProjectorOutcome;
}

/** How often a rebuild waiting for another writer tries again. */
const RETRY_MS = 250;

/**
 * Builds `projection` into a new generation beside the live one and returns once it has caught up
 * and replaced it (queries never see it half built), or stopped.
 */
export const rebuildProjection = async (store: EventStore, readStore: ReadStore, projection: Projection<unknown>, options: RebuildOptions = {}): Promise<RebuildResult> => {
  const { resume, waitForWriterMs = 10_000, onWaiting, ...projectorOptions } = options;
  const existing = resume
    ? (await readStore.generations(projection.name)).filter((g) => !g.active && g.state !== 'retired' && g.version === projection.version).at(-1)
    : undefined;
  const generation = existing ?? (await readStore.createGeneration(projection));
  const deadline = Date.now() + waitForWriterMs;
  let outcome: ProjectorOutcome;
  for (let waiting = false; ; waiting = true) {
    outcome = await new Projector(store, readStore, projection, generation, { ...projectorOptions, stopWhenCaughtUp: true }).run();
    if (outcome !== 'locked' || Date.now() >= deadline || projectorOptions.signal?.aborted) break;
    if (!waiting) onWaiting?.(generation);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  const after = (await readStore.generations(projection.name)).find((g) => g.generation === generation.generation)!;
  return { generation: after, outcome };
};
