import { parentPort, workerData } from 'node:worker_threads';
import type { EventStoreConfig } from '@mandate-ledger/event-store';
import { type FrontierJson, frontierToJson } from './merkle-tree';
import { type AuditedLog, openAuditedLog } from './open-audited-log';
import { AuditSealer, type SealerOptions } from './sealer';

/** What a `SealerThread` starts its worker with: plain data, cloned into the thread. */
export interface SealerWorkerData {
  readonly config: EventStoreConfig;
  readonly options: SealerOptions;
}

/** `seal` runs `sealAvailable`; `close` waits for the run in flight and closes the worker's connections. */
export interface SealerRequest {
  readonly id: number;
  readonly type: 'seal' | 'close';
}

/** The answer to one request. */
export interface SealerReply {
  readonly id: number;
  /**
   * The state after a seal (absent after `close`, or when another process seals this database). The
   * frontier crosses as hex: a Buffer arrives in the other thread as a plain Uint8Array.
   */
  readonly state?: { treeSize: number; frontier: FrontierJson; sealedPosition?: bigint };
  readonly error?: { name: string; message: string };
}

// The worker of a `SealerThread`: an `AuditSealer` on connections of its own, one seal per request.
const port = parentPort!;
const { config, options } = workerData as SealerWorkerData;

const answer = (id: number, work: Promise<Omit<SealerReply, 'id'>>): void => {
  work.then(
    (reply) => port.postMessage({ id, ...reply }),
    (error: Error) => port.postMessage({ id, error: { name: error.name, message: error.message } }),
  );
};

const serve = (opened: AuditedLog): void => {
  const sealer = new AuditSealer(opened.events, opened.audit, options);
  port.on('message', ({ id, type }: SealerRequest) => {
    if (type === 'seal') {
      answer(id, sealer.sealAvailable().then((state) => ({ state: state && { ...state, frontier: frontierToJson(state.frontier) } })));
    } else {
      answer(id, sealer.whenIdle().then(() => opened.close().then(() => ({}))));
    }
  });
};

void openAuditedLog(config).then(serve, (error: Error) => {
  // Unhandled, the worker dies and its thread reports it. Thrown as a plain Error: only those cross
  // threads whole (a SqliteError would arrive as its code alone).
  throw new Error(error.message);
});
