import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import { AccessDeniedError } from '@mandate-ledger/application';
import { AuditError, type AuditErrorCode } from '@mandate-ledger/audit';
import { DomainError, type DomainErrorKind } from '@mandate-ledger/domain';
import type { EventStoreConfig } from '@mandate-ledger/event-store';
import { thrownMessageOf, workerScriptBeside } from '@mandate-ledger/storage';
import type { RenderedReport } from './compliance-report.render';
import type { ReportJob, ReportRenderer } from './report-job';
// Type-only, yet it also puts the worker's file in the server's build, which loads it by path.
import type { ReportWorkerData, ReportWorkerReply, ReportWorkerRequest, ThrownError } from './report-render.worker';

const WORKER = workerScriptBeside(__filename, 'report-render.worker');

/** What the report thread threw, as the class it was: the API maps each to its problem as if thrown here. */
const rebuilt = ({ name, message, code, kind }: ThrownError): Error => {
  if (name === 'DomainError' && code !== undefined) return new DomainError(code, message, kind as DomainErrorKind);
  if (name === 'AccessDeniedError' && code !== undefined) return new AccessDeniedError(code as AccessDeniedError['code'], message);
  if (name === 'AuditError' && code !== undefined) return new AuditError(code as AuditErrorCode, message);
  return Object.assign(new Error(message), { name });
};

export interface ReportRenderThreadOptions {
  /** Signs a checkpoint covering what was appended so far: run before each report, on the caller's thread (which holds the key). */
  readonly beforeBuild: () => Promise<unknown>;
  readonly onError?: (error: Error) => void;
}

interface Waiting {
  readonly resolve: (reply: ReportWorkerReply) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Builds, proves and renders reports on a worker thread with its own connections to the log: a
 * report of 10,000 events takes seconds to fold, prove and lay out, which would take the API's
 * event loop from every other request. One report at a time, in order; the thread starts at the
 * first report and keeps the process alive only while one is asked for.
 */
export class ReportRenderThread implements ReportRenderer {
  private worker?: Worker;
  private closed = false;
  private lastId = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(
    private readonly config: EventStoreConfig,
    private readonly vkey: string,
    private readonly options: ReportRenderThreadOptions,
  ) {}

  async render(job: ReportJob): Promise<RenderedReport> {
    if (this.closed) throw new Error('The report thread is closed');
    await this.options.beforeBuild();
    const reply = await this.request((this.worker ??= this.spawn()), { job });
    if (reply.error) throw rebuilt(reply.error);
    const { bytes, ...report } = reply.report!;
    return { ...report, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  /** Lets the reports in flight finish, closes the thread's connections, then ends the thread. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    try {
      await this.request(worker, { close: true });
    } finally {
      this.worker = undefined;
      await worker.terminate();
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER.file, { workerData: { config: this.config, vkey: this.vkey } satisfies ReportWorkerData, execArgv: WORKER.execArgv });
    worker.unref();
    worker.on('message', (reply: ReportWorkerReply) => this.settle(worker, reply));
    worker.on('error', (error: unknown) => this.died(worker, new Error(thrownMessageOf(error) ?? `The report thread failed: ${inspect(error)}`)));
    worker.on('exit', (code) => this.died(worker, new Error(`The report thread exited with code ${code}`)));
    return worker;
  }

  private request(worker: Worker, message: Omit<ReportWorkerRequest, 'id'>): Promise<ReportWorkerReply> {
    const id = ++this.lastId;
    const reply = new Promise<ReportWorkerReply>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, ...message } satisfies ReportWorkerRequest);
    return reply;
  }

  private settle(worker: Worker, reply: ReportWorkerReply): void {
    this.waiting.get(reply.id)?.resolve(reply);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) worker.unref();
  }

  private died(worker: Worker, error: Error): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
    this.options.onError?.(error);
  }
}
