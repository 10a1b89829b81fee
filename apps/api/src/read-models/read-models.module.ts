import { type BeforeApplicationShutdown, type DynamicModule, Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type EventStoreConfig } from '@mandate-ledger/event-store';
import { APPLICATION_PROJECTIONS, createReadStore, ProjectionRuntime, ProjectorThread, READ_STORE, type ReadStore } from '@mandate-ledger/projections';
import type { ReadModelsConfig } from '../config/app-config';
import { PROJECTION_RUNTIME, READ_MODELS_OPTIONS, ReadModels } from './read-models.service';

const PROJECTOR_THREAD = Symbol('PROJECTOR_THREAD');

/**
 * The read side: opens the read store (`READ_STORE`, by default beside the event log), runs the
 * projectors from bootstrap to shutdown on a thread of their own (`PROJECTORS=off` to leave them to
 * another process), and gives the queries of each module what they need to read the read models:
 * this thread's runtime runs no projector; queries wait on it for a position, woken by the thread's commits.
 */
@Global()
@Module({})
export class ReadModelsModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private stopTelling: () => void = () => undefined;

  constructor(
    @Inject(PROJECTION_RUNTIME) private readonly runtime: ProjectionRuntime,
    @Inject(PROJECTOR_THREAD) private readonly thread: ProjectorThread,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(READ_MODELS_OPTIONS) private readonly options: ReadModelsConfig,
  ) {}

  static forRoot(config: ReadModelsConfig, eventStore: EventStoreConfig): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: READ_MODELS_OPTIONS, useValue: config },
        { provide: READ_STORE, useFactory: () => createReadStore(config.readStore) },
        {
          provide: PROJECTION_RUNTIME,
          inject: [EVENT_STORE, READ_STORE],
          // Never started here: it only lets queries wait for a position, woken by the thread's commits.
          useFactory: (events: EventStore, store: ReadStore) => new ProjectionRuntime(events, store, APPLICATION_PROJECTIONS),
        },
        {
          provide: PROJECTOR_THREAD,
          inject: [PROJECTION_RUNTIME],
          useFactory: (runtime: ProjectionRuntime) => {
            const logger = new Logger('Projections');
            return new ProjectorThread(eventStore, config.readStore, {
              onCommit: () => runtime.committedElsewhere(),
              logger: { log: (message) => logger.log(message), error: (message) => logger.error(message) },
            });
          },
        },
        ReadModels,
      ],
      exports: [READ_STORE, PROJECTION_RUNTIME, ReadModels],
    };
  }

  /** The server listens once the projector thread has started: its first queries need not wait for the thread's start. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runProjectors) return;
    this.stopTelling = this.events.onAppended?.(() => this.thread.appended()) ?? this.stopTelling;
    await this.thread.start();
  }

  /** Before the stores close: each projector finishes (or abandons) its batch, and waiting queries give up. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopTelling();
    await this.thread.stop();
    await this.runtime.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
