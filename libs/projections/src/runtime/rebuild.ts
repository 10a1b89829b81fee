import type { EventStore } from '@mandate-ledger/event-store';
import type { Projection } from '../projection';
import type { Generation, ReadStore } from '../read-store/read-store.port';
import { Projector, type ProjectorOptions, type ProjectorOutcome } from './projector';

export interface RebuildResult {
  readonly generation: Generation;
  readonly outcome: ProjectorOutcome;
}

/**
 * Builds `projection` into a new generation beside the live one and returns once it has caught up
 * and replaced it (queries never see it half built), or stopped. `resume` continues the newest
 * generation still being built (an interrupted rebuild) instead of starting another.
 */
export const rebuildProjection = async (
  store: EventStore,
  readStore: ReadStore,
  projection: Projection<unknown>,
  options: Omit<ProjectorOptions, 'stopWhenCaughtUp'> & { readonly resume?: boolean } = {},
): Promise<RebuildResult> => {
  const existing = options.resume
    ? (await readStore.generations(projection.name)).filter((g) => !g.active && g.state !== 'retired' && g.version === projection.version).at(-1)
    : undefined;
  const generation = existing ?? (await readStore.createGeneration(projection));
  const outcome = await new Projector(store, readStore, projection, generation, { ...options, stopWhenCaughtUp: true }).run();
  const after = (await readStore.generations(projection.name)).find((g) => g.generation === generation.generation)!;
  return { generation: after, outcome };
};
