import { parentPort, workerData } from 'node:worker_threads';
import { DOMAIN_UPCASTERS } from '@mandate-ledger/domain';
import { createEventStore, type EventStore, type EventStoreConfig, UpcasterChain } from '@mandate-ledger/event-store';
import { APPLICATION_PROJECTIONS } from '../application-projections';
import { createReadStore } from '../read-store/create-read-store';
import type { ReadStoreConfig } from '../read-store/read-store.config';
import type { ReadStore } from '../read-store/read-store.port';
import { ProjectionRuntime, type ProjectionRuntimeOptions } from './projection-runtime';

/** What a `ProjectorThread` starts its worker with: plain data, cloned into the thread. */
export interface ProjectorWorkerData {
  readonly eventStore: EventStoreConfig;
  readonly readStore: ReadStoreConfig;
  readonly options: Pick<ProjectionRuntimeOptions, 'replanIntervalMs' | 'staleAfterMs'>;
  /** The application's projections to run, by name (default all). */
  readonly projections?: readonly string[];
}

/** `appended`: the API's thread committed an append; `stop`: finish the batches in flight, close, answer `stopped`. */
export type ProjectorRequest = { readonly type: 'appended' } | { readonly type: 'stop' };

/** What the worker tells the API's thread. */
export type ProjectorMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'committed' }
  | { readonly type: 'log'; readonly level: 'log' | 'error'; readonly message: string }
  | { readonly type: 'stopped' };

// The worker of a `ProjectorThread`: the application's projection runtime on connections of its own.
const port = parentPort!;
const { eventStore, readStore, options, projections } = workerData as ProjectorWorkerData;
const tell = (message: ProjectorMessage): void => port.postMessage(message);
const upcasters = new UpcasterChain(DOMAIN_UPCASTERS);

const serve = (events: EventStore, store: ReadStore): void => {
  const runs = projections === undefined ? APPLICATION_PROJECTIONS : APPLICATION_PROJECTIONS.filter((p) => projections.includes(p.name));
  const runtime = new ProjectionRuntime(events, store, runs, {
    ...options,
    upcast: (event) => upcasters.apply(event),
    logger: { log: (message) => tell({ type: 'log', level: 'log', message }), error: (message) => tell({ type: 'log', level: 'error', message }) },
    onCommit: () => tell({ type: 'committed' }),
  });
  port.on('message', (request: ProjectorRequest) => {
    if (request.type === 'appended') return events.wakeSubscriptions?.();
    void runtime
      .stop()
      .then(() => store.close())
      .then(() => events.close())
      .catch((error: Error) => tell({ type: 'log', level: 'error', message: `closing the projector thread's connections: ${error.message}` }))
      .finally(() => tell({ type: 'stopped' }));
  });
  runtime.start();
  tell({ type: 'ready' });
};

const open = async (): Promise<void> => {
  // Read as stored: the projections that want the latest shapes get them through `upcast`.
  const events = await createEventStore(eventStore);
  try {
    serve(events, await createReadStore(readStore));
  } catch (error) {
    await events.close();
    throw error;
  }
};

open().catch((error: Error) => {
  // Unhandled, the worker dies and its thread reports it. Thrown as a plain Error: only those cross
  // threads whole (a SqliteError would arrive as its code alone).
  throw new Error(error.message);
});
