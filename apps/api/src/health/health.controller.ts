import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { APPLICATION_PROJECTIONS, type GenerationStatus, projectionStatuses, projectionsReady, READ_STORE, type ReadStore } from '@mandate-ledger/projections';
import { Public, Roles } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** What `/health` and `/health/ready` tell anyone: no ids, positions or error texts. */
interface PublicHealth {
  readonly status: 'ok' | 'degraded';
}

interface GenerationHealth {
  readonly generation: number;
  readonly version: number;
  readonly state: string;
  readonly position: string | null;
  readonly behindPositions: string;
  readonly lagSeconds: number;
  readonly lastError: { message: string; position: string; eventType: string; at: string } | null;
}

interface ProjectionHealth {
  readonly name: string;
  readonly version: number;
  readonly state: string;
  /** The generation queries read: `serving`, since a generation that failed still serves what it had. */
  readonly serving: GenerationHealth | null;
  readonly building: GenerationHealth | null;
}

export interface HealthDetails {
  readonly status: 'ok' | 'degraded';
  readonly ready: boolean;
  readonly eventStore: { kind: string; headPosition: string | null };
  readonly readyMaxLagSeconds: number;
  readonly projections: ProjectionHealth[];
}

const generationHealth = (g: GenerationStatus | undefined): GenerationHealth | null =>
  g === undefined
    ? null
    : {
        generation: g.generation,
        version: g.version,
        state: g.state,
        position: g.position?.toString() ?? null,
        behindPositions: g.behindPositions.toString(),
        lagSeconds: Math.round(g.lagSeconds * 1000) / 1000,
        lastError: g.lastError ? { ...g.lastError, position: g.lastError.position.toString() } : null,
      };

/**
 * Liveness, readiness and, for admins, the details behind them. Every replica shares the read
 * store, so they all answer alike; `/health` stays 200 while the log can be read, so that a failed
 * projection (which restarting would not mend) never gets replicas killed.
 */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  /** 200 `ok`, or `degraded` while a projection has failed or the read models are not ready; 503 when the log cannot be read. */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response): Promise<PublicHealth> {
    const details = await this.detailsOrUnreachable(response);
    return { status: details?.status ?? 'degraded' };
  }

  /** 200 while every read model serves queries within `READY_MAX_LAG_SECONDS` of the log; else 503. */
  @Get('ready')
  @Public()
  async ready(@Res({ passthrough: true }) response: Response): Promise<PublicHealth> {
    const details = await this.detailsOrUnreachable(response);
    if (!details?.ready) response.status(503);
    return { status: details?.ready ? 'ok' : 'degraded' };
  }

  /** Positions, lags and last errors of every projection: for admins only. */
  @Get('details')
  @Roles('admin')
  details(): Promise<HealthDetails> {
    return this.collect();
  }

  private async detailsOrUnreachable(response: Response): Promise<HealthDetails | undefined> {
    try {
      return await this.collect();
    } catch (error) {
      // The store's error names its engine and tables: it goes to the log, not to the public answer.
      this.logger.error(`health check could not read the stores: ${error instanceof Error ? error.message : String(error)}`);
      response.status(503);
      return undefined;
    }
  }

  private async collect(): Promise<HealthDetails> {
    const head = await this.store.headPosition();
    const statuses = await projectionStatuses(this.store, this.readStore, APPLICATION_PROJECTIONS);
    const maxLag = this.config.readModels.readyMaxLagSeconds;
    const ready = projectionsReady(statuses, maxLag);
    return {
      status: ready && statuses.every((s) => s.state !== 'failed') ? 'ok' : 'degraded',
      ready,
      eventStore: { kind: this.config.eventStore.kind, headPosition: head?.toString() ?? null },
      readyMaxLagSeconds: maxLag,
      projections: statuses.map((s) => ({
        name: s.name,
        version: s.version,
        state: s.state,
        serving: generationHealth(s.live),
        building: generationHealth(s.building),
      })),
    };
  }
}
