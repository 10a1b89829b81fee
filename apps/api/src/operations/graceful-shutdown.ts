import type { Server } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler, Response } from 'express';
import { problem, sendProblem } from '../http/problem';

/**
 * Counts the requests in flight and, once draining, refuses new ones (503 `SHUTTING_DOWN`, which a
 * load balancer retries elsewhere) and closes each connection after its answer, so that no
 * keep-alive connection brings in more work.
 */
@Injectable()
export class Drain {
  private readonly inFlight = new Set<Response>();
  private draining = false;
  private idle?: () => void;

  readonly middleware: RequestHandler = (request, response, next) => {
    if (this.draining) {
      response.setHeader('Connection', 'close');
      response.setHeader('Retry-After', '1');
      return sendProblem(response, request, problem(503, 'SHUTTING_DOWN', 'This process is shutting down; retry the request'));
    }
    this.inFlight.add(response);
    const settled = () => {
      this.inFlight.delete(response);
      if (this.draining && this.inFlight.size === 0) this.idle?.();
    };
    response.once('finish', settled);
    response.once('close', settled);
    next();
  };

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /** Stops taking requests; resolves with how many were still in flight after `timeoutMs` (0 when all were answered). */
  async drain(timeoutMs: number): Promise<number> {
    this.draining = true;
    for (const response of this.inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise<void>((resolve) => (this.idle = resolve)), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    }
    return this.inFlight.size;
  }
}

/**
 * On SIGTERM (or SIGINT): stop accepting connections, let the requests in flight finish for up to
 * `timeoutMs`, cut what remains, then close the app: the projector and sealer threads stop at a
 * commit boundary and the stores close. Exits 0; exits 1 if closing hangs for another `timeoutMs`.
 * (Nest's own shutdown hooks stop the threads before the server and re-raise the signal.)
 */
export const closeOnSignals = (app: NestExpressApplication, timeoutMs: number): void => {
  const logger = new Logger('Shutdown');
  let closing = false;
  const close = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing) return;
    closing = true;
    const started = Date.now();
    const watchdog = setTimeout(() => {
      logger.error(`${signal}: the app did not close within ${2 * timeoutMs} ms; exiting`);
      process.exit(1);
    }, 2 * timeoutMs);
    watchdog.unref();
    const drain = app.get(Drain);
    const server = app.getHttpServer() as Server;
    logger.log(`${signal}: refusing new requests; ${drain.requestsInFlight} in flight may take up to ${timeoutMs} ms`);
    server.close();
    const cut = await drain.drain(timeoutMs);
    server.closeAllConnections();
    if (cut > 0) logger.warn(`${cut} requests were still running after ${timeoutMs} ms: their connections were closed`);
    await app.close();
    logger.log(`stopped in ${Date.now() - started} ms`);
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () =>
      void close(signal).catch((error: unknown) => {
        logger.error(`${signal}: closing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
      }),
    );
  }
};
