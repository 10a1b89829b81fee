import type { EventStore } from '@mandate-ledger/event-store';
import type { Projection } from '../projection';
import type { Generation, ProjectionFailure, ReadStore } from '../read-store/read-store.port';

export type ProjectionState = 'live' | 'building' | 'failed' | 'not_started';

/** One projection as `projections status` and `/health` show it. */
export interface ProjectionStatus {
  readonly name: string;
  /** The version the running code defines. */
  readonly version: number;
  /** `failed` if the generation queries read (or the one being built) stopped on an event. */
  readonly state: ProjectionState;
  /** The generation queries read, if any has caught up. */
  readonly live: GenerationStatus | undefined;
  /** A newer generation being built beside it (a version bump or a rebuild). */
  readonly building: GenerationStatus | undefined;
}

export interface GenerationStatus {
  readonly generation: number;
  readonly version: number;
  readonly state: Generation['state'];
  readonly position: bigint | undefined;
  /** Head of the log minus the checkpoint, in positions (events in SQLite, where positions are dense). */
  readonly behindPositions: bigint;
  /** Events not yet applied, counted up to `lagCountLimit` (`undefined` when not counted). */
  readonly lagEvents: number | undefined;
  /** How long ago the oldest event not yet applied was recorded, in seconds (0 when caught up). */
  readonly lagSeconds: number;
  readonly eventsProcessed: number;
  readonly updatedAt: string;
  readonly lastError: ProjectionFailure | undefined;
}

/**
 * Whether the read models can serve queries: every projection has a generation serving them that
 * has not failed and is no further behind the log than `maxLagSeconds`. A rebuild that failed beside
 * it does not count: queries never read it.
 */
export const projectionsReady = (statuses: readonly ProjectionStatus[], maxLagSeconds: number): boolean =>
  statuses.every(({ live }) => live !== undefined && live.state !== 'failed' && live.lagSeconds <= maxLagSeconds);

export interface StatusOptions {
  /** Count unapplied events up to this many (one `readAll`); omit to skip counting. */
  readonly lagCountLimit?: number;
}

/** The state of every projection against the head of the log. */
export const projectionStatuses = async (
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection<unknown>[],
  options: StatusOptions = {},
): Promise<ProjectionStatus[]> => {
  const head = await store.headPosition();
  const now = Date.now();
  const all = await readStore.allGenerations();
  const describe = async (generation: Generation | undefined): Promise<GenerationStatus | undefined> => {
    if (!generation) return undefined;
    const behind = head === undefined ? 0n : head - (generation.checkpoint ?? 0n);
    let lagEvents: number | undefined;
    if (options.lagCountLimit !== undefined) {
      lagEvents = behind <= 0n ? 0 : (await store.readAll({ after: generation.checkpoint, maxCount: options.lagCountLimit })).length;
    }
    const [oldest] = behind <= 0n ? [] : await store.readAll({ after: generation.checkpoint, maxCount: 1 });
    const lagSeconds = oldest === undefined ? 0 : Math.max(0, (now - Date.parse(oldest.recordedAt)) / 1000);
    return {
      generation: generation.generation,
      version: generation.version,
      state: generation.state,
      position: generation.checkpoint,
      behindPositions: behind < 0n ? 0n : behind,
      lagEvents,
      lagSeconds,
      eventsProcessed: generation.eventsProcessed,
      updatedAt: generation.updatedAt,
      lastError: generation.lastError,
    };
  };
  return Promise.all(
    projections.map(async (projection) => {
      const generations = all.filter((g) => g.name === projection.name);
      const active = generations.find((g) => g.active);
      const building = generations.filter((g) => !g.active && g.generation > (active?.generation ?? 0)).at(-1);
      const failed = active?.state === 'failed' || building?.state === 'failed';
      const state: ProjectionState = failed ? 'failed' : active ? 'live' : building ? 'building' : 'not_started';
      return { name: projection.name, version: projection.version, state, live: await describe(active), building: await describe(building) };
    }),
  );
};
