import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler } from 'express';
import { LoggerModule, Logger as PinoNestLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
import { AuditModule } from '../audit/audit.module';
import { Drain } from './graceful-shutdown';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { MetricsScrape } from './metrics-scrape';
import type { OperationsConfig } from './operations-config';
import { createRootLogger, requestLog } from './request-log';

const ROOT_LOGGER = Symbol('ROOT_LOGGER');
const OPERATIONS_CONFIG = Symbol('OPERATIONS_CONFIG');

/**
 * What an operator sees of the server: JSON logs through pino (Nest's `Logger` included), a line
 * per request, Prometheus metrics at `GET /metrics` (and on `METRICS_PORT`), and the drain that
 * graceful shutdown waits on.
 */
@Global()
@Module({})
export class OperationsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private metricsServer?: Server;

  constructor(
    @Inject(OPERATIONS_CONFIG) private readonly config: OperationsConfig,
    private readonly scrape: MetricsScrape,
  ) {}

  static forRoot(config: OperationsConfig): DynamicModule {
    const root = createRootLogger(config);
    return {
      module: OperationsModule,
      // `useExisting`: the request log is installed by `observeRequests`, first of every middleware; this binds its logger to each request.
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true }), AuditModule],
      controllers: [MetricsController],
      providers: [{ provide: ROOT_LOGGER, useValue: root }, { provide: OPERATIONS_CONFIG, useValue: config }, Metrics, MetricsScrape, Drain],
      exports: [Metrics, Drain, ROOT_LOGGER],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === undefined) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics\n');
        return;
      }
      this.scrape.text().then(
        (text) => response.writeHead(200, { 'content-type': this.scrape.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.config.metricsPort, () => resolve()));
    this.metricsServer = server;
    Logger.log(`metrics on port ${(server.address() as AddressInfo).port} (GET /metrics, no token)`, 'Metrics');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.metricsServer;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * Routes Nest's `Logger` through pino and puts the request log and the request metrics before every
 * other middleware, so that refusals of the body parser are seen too.
 */
export const observeRequests = (app: NestExpressApplication): void => {
  app.useLogger(app.get(PinoNestLogger));
  app.use(requestLog(app.get<Pino>(ROOT_LOGGER)), app.get(Metrics).requestMiddleware);
};

/** The middleware that, once shutdown began, refuses new requests (after the security headers, which its 503 carries too). */
export const shutdownDrain = (app: NestExpressApplication): RequestHandler => app.get(Drain).middleware;
