import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { openApplicationEventStore } from '@mandate-ledger/application';
import { EVENT_STORE, type EventStore, type EventStoreConfig } from '@mandate-ledger/event-store';
import { instrumentedEventStore } from '../operations/instrumented-event-store';
import { Metrics } from '../operations/metrics';

/**
 * Opens the configured event store once, with the domain's upcasters so that every handler and
 * query reads the latest shapes, measures its appends, and closes it when the application shuts down.
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: EventStoreConfig): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [Metrics],
          useFactory: async (metrics: Metrics) => instrumentedEventStore(await openApplicationEventStore(config), config.kind, metrics),
        },
      ],
      exports: [EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
