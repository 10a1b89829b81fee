import { parentPort, workerData } from 'node:worker_threads';
import { AuditLog, openAuditedLog } from '@mandate-ledger/audit';
import type { EventStoreConfig } from '@mandate-ledger/event-store';
import type { RenderedReport } from './compliance-report.render';
import { produceReport, type ReportJob } from './report-job';

/** What a `ReportRenderThread` starts its worker with: plain data, cloned into the thread. */
export interface ReportWorkerData {
  readonly config: EventStoreConfig;
  readonly vkey: string;
}

export interface ReportWorkerRequest {
  readonly id: number;
  readonly job?: ReportJob;
  /** Closes the worker's connections; no job. */
  readonly close?: true;
}

/** What the thread throws, as plain data: the caller rebuilds the error of the same class, so the API answers the same problem. */
export interface ThrownError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly kind?: string;
}

export interface ReportWorkerReply {
  readonly id: number;
  readonly report?: Omit<RenderedReport, 'bytes'> & { readonly bytes: Uint8Array };
  readonly error?: ThrownError;
}

// The worker of a `ReportRenderThread`: reads the stored log and the tree on connections of its own,
// then builds, proves and renders each report it is sent, one at a time. The caller signs the
// checkpoint before sending: this thread only reads it.
const port = parentPort!;
const { config, vkey } = workerData as ReportWorkerData;

const thrown = (error: unknown): ThrownError => {
  const { name, message, code, kind } = error as { name?: string; message?: string; code?: unknown; kind?: unknown };
  return {
    name: name ?? 'Error',
    message: message ?? String(error),
    ...(typeof code === 'string' && { code }),
    ...(typeof kind === 'string' && { kind }),
  };
};

void openAuditedLog(config).then(
  (opened) => {
    const sources = { events: opened.events, log: new AuditLog(opened.audit), vkey, checkpoint: async () => undefined };
    let queue: Promise<unknown> = Promise.resolve();
    port.on('message', ({ id, job, close }: ReportWorkerRequest) => {
      queue = queue.then(async () => {
        if (close) {
          await opened.close();
          port.postMessage({ id } satisfies ReportWorkerReply);
          return;
        }
        try {
          const report = await produceReport(sources, job!);
          const bytes = new Uint8Array(report.bytes.buffer, report.bytes.byteOffset, report.bytes.byteLength);
          port.postMessage({ id, report: { ...report, bytes } } satisfies ReportWorkerReply);
        } catch (error) {
          port.postMessage({ id, error: thrown(error) } satisfies ReportWorkerReply);
        }
      });
    });
  },
  (error: Error) => {
    // Unhandled, the worker dies and its thread reports it, as a plain Error (only those cross whole).
    throw new Error(error.message);
  },
);
