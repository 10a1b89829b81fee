import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { type ProjectionRuntime, READ_STORE, type ReadStore } from '@mandate-ledger/projections';
import type { ReadModelsConfig } from '../config/app-config';
import { ProblemError } from '../http/problem';

export const PROJECTION_RUNTIME = Symbol('PROJECTION_RUNTIME');
export const READ_MODELS_OPTIONS = Symbol('READ_MODELS_OPTIONS');

/**
 * What every query on a read model does first: wait, bounded, until the projections it reads have
 * applied the position the client asks for (read-your-writes), and refuse to answer from a read
 * model that never caught up.
 */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(READ_STORE) readonly store: ReadStore,
    @Inject(PROJECTION_RUNTIME) private readonly runtime: ProjectionRuntime,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS_OPTIONS) private readonly options: ReadModelsConfig,
  ) {}

  /**
   * Resolves once every projection named has applied `minPosition`; `'head'` is the head of the log
   * now (reads that must be complete, such as a history). Else 503 with `Retry-After`.
   */
  async reached(projections: readonly string[], minPosition: string | bigint | 'head' | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const position = minPosition === 'head' ? await this.events.headPosition() : BigInt(minPosition);
    if (position === undefined) return;
    for (const name of projections) {
      const active = await this.store.activeGeneration(name);
      if (active?.state === 'failed') throw failed(name);
      if (await this.runtime.waitForPosition(name, position, this.options.readYourWritesTimeoutMs)) continue;
      const generations = await this.store.generations(name);
      const after = generations.find((g) => g.active);
      if (after?.state === 'failed') throw failed(name);
      if (!after) {
        // Never live yet: the first generation is being built, or stopped while being built.
        if (generations.some((g) => g.state === 'failed')) throw failed(name);
        throw notReady(name);
      }
      throw new ProblemError(
        503,
        'PROJECTION_LAGGING',
        `The ${name} read model has applied the log up to position ${after.checkpoint ?? 'none'}, not yet ${position}; retry shortly`,
        undefined,
        { 'Retry-After': '1' },
      );
    }
  }

  /** The answer of a read model, or 503 when it has never caught up (it is being built). */
  answer<T>(projection: string, result: T | undefined): T {
    if (result === undefined) throw notReady(projection);
    return result;
  }
}

const notReady = (name: string) =>
  new ProblemError(503, 'PROJECTION_NOT_READY', `The ${name} read model is being built; retry shortly`, undefined, { 'Retry-After': '1' });

const failed = (name: string) =>
  new ProblemError(503, 'PROJECTION_FAILED', `The ${name} read model stopped on an event it cannot apply (see GET /health/details); it is not being updated`, undefined, {
    'Retry-After': '60',
  });
