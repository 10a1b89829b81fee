import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { Public } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers 200 when the event log can be read; the head position tells how far it goes. */
  @Get()
  @Public()
  async health(): Promise<{ status: 'ok'; eventStore: { kind: string; headPosition: string | null } }> {
    const head = await this.store.headPosition();
    return { status: 'ok', eventStore: { kind: this.config.eventStore.kind, headPosition: head?.toString() ?? null } };
  }
}
