import { type BeforeApplicationShutdown, type DynamicModule, Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@mandate-ledger/event-store';
import { APPLICATION_PROJECTIONS, createReadStore, ProjectionRuntime, READ_STORE, type ReadStore } from '@mandate-ledger/projections';
import type { ReadModelsConfig } from '../config/app-config';
import { ListMandatesHandler } from '../mandates/list-mandates/list-mandates.handler';
import { ListOperatorsHandler } from '../operators/list-operators/list-operators.handler';
import { OperatorHistoryHandler } from '../operators/operator-history/operator-history.handler';
import { OperatorPortfolioHandler } from '../operators/operator-portfolio/operator-portfolio.handler';
import { PROJECTION_RUNTIME, READ_MODELS_OPTIONS, ReadModels } from './read-models.service';

/** Events per catch-up batch in the API (a rebuild from the CLI takes 50,000). */
const API_BATCH_SIZE = 1_000;

/**
 * The read side: opens the read store (`READ_STORE`, by default beside the event log), runs the
 * projectors in this process from bootstrap to shutdown (`PROJECTORS=off` to leave them to another
 * process), and serves the queries that read the read models.
 */
@Global()
@Module({})
export class ReadModelsModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTION_RUNTIME) private readonly runtime: ProjectionRuntime,
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(READ_MODELS_OPTIONS) private readonly options: ReadModelsConfig,
  ) {}

  static forRoot(config: ReadModelsConfig): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: READ_MODELS_OPTIONS, useValue: config },
        { provide: READ_STORE, useFactory: () => createReadStore(config.readStore) },
        {
          provide: PROJECTION_RUNTIME,
          inject: [EVENT_STORE, READ_STORE],
          useFactory: (events: EventStore, store: ReadStore) => {
            const logger = new Logger('Projections');
            // Smaller batches than a rebuild's: a commit holds the event loop, and here requests wait behind it.
            return new ProjectionRuntime(events, store, APPLICATION_PROJECTIONS, {
              batchSize: API_BATCH_SIZE,
              logger: { log: (m) => logger.log(m), error: (m) => logger.error(m) },
            });
          },
        },
        ReadModels,
        ListMandatesHandler,
        ListOperatorsHandler,
        OperatorHistoryHandler,
        OperatorPortfolioHandler,
      ],
      exports: [READ_STORE, PROJECTION_RUNTIME, ReadModels],
    };
  }

  onApplicationBootstrap(): void {
    if (this.options.runProjectors) this.runtime.start();
  }

  /** Before the event store closes: each projector finishes (or abandons) its batch. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
