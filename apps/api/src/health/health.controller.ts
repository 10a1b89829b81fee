import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { APPLICATION_PROJECTIONS, type GenerationStatus, projectionStatuses, READ_STORE, type ReadStore } from '@mandate-ledger/projections';
import { Public } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

interface GenerationHealth {
  readonly generation: number;
  readonly version: number;
  readonly position: string | null;
  readonly behindPositions: string;
  readonly lastError: { message: string; position: string; eventType: string; at: string } | null;
}

interface ProjectionHealth {
  readonly name: string;
  readonly version: number;
  readonly state: string;
  readonly live: GenerationHealth | null;
  readonly building: GenerationHealth | null;
}

const generationHealth = (g: GenerationStatus | undefined): GenerationHealth | null =>
  g === undefined
    ? null
    : {
        generation: g.generation,
        version: g.version,
        position: g.position?.toString() ?? null,
        behindPositions: g.behindPositions.toString(),
        lastError: g.lastError ? { ...g.lastError, position: g.lastError.position.toString() } : null,
      };

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  /**
   * 200 when the event log can be read; the head position tells how far it goes. A projection that
   * stopped on an event it cannot apply makes the status `degraded` (still 200: writes and replayed
   * reads work, and every replica shares the read store, so taking replicas out would not help).
   */
  @Get()
  @Public()
  async health(): Promise<{ status: 'ok' | 'degraded'; eventStore: { kind: string; headPosition: string | null }; projections: ProjectionHealth[] }> {
    const head = await this.store.headPosition();
    const statuses = await projectionStatuses(this.store, this.readStore, APPLICATION_PROJECTIONS);
    const projections = statuses.map((s) => ({ name: s.name, version: s.version, state: s.state, live: generationHealth(s.live), building: generationHealth(s.building) }));
    return {
      status: statuses.some((s) => s.state === 'failed') ? 'degraded' : 'ok',
      eventStore: { kind: this.config.eventStore.kind, headPosition: head?.toString() ?? null },
      projections,
    };
  }
}
