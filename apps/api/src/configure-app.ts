import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { consoleAssets } from './console/console-assets';
import type { AppConfig } from './config/app-config';
import { refuseUnsafeJson } from './http/json-shape';
import { problem, sendProblem } from './http/problem';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { corsOptions, docsContentSecurityPolicy, securityHeaders } from './http/security-headers';
import { validationPipe } from './http/validation';
import { observeRequests, shutdownDrain } from './operations/operations.module';
import { pinoLevelOf } from './operations/operations-config';

export const BODY_LIMIT = '256kb';

/** Everything `main.ts` and the end-to-end tests share: one app, created and configured the same way. */
export const createApp = async (config: AppConfig, logger?: LogLevel[]): Promise<NestExpressApplication> => {
  // Nest's default parsers are off so that the one below, with its size limit, is the only one.
  // `logger`: the Nest levels a test or benchmark asks for, as the least severe pino level.
  const logged = logger ? { ...config, operations: { ...config.operations, logLevel: pinoLevelOf(logger) } } : config;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(logged), { bodyParser: false, bufferLogs: true });
  observeRequests(app);
  app.disable('x-powered-by');
  // Before the rest, so that every answer carries them: the body parser's refusals and those of a shutdown included.
  app.use(securityHeaders(), shutdownDrain(app));
  app.use('/docs', docsContentSecurityPolicy());
  // The web console at `/` and `/assets/`, with its own policy; every other path stays the API's.
  app.use(consoleAssets(config.console));
  // Only when configured: without CORS headers, browsers keep the answers from pages of other origins.
  if (config.http.corsOrigins.length > 0) app.enableCors(corsOptions(config.http.corsOrigins));
  app.use(json({ limit: BODY_LIMIT, type: ['application/json', 'application/merge-patch+json'] }), bodyParserProblems, refuseUnsafeJson);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('mandate-ledger')
      .setDescription('Decisions entrusting associations with public-service missions, as an event log (DESIGN §4).')
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
};

/**
 * Errors of the body parser (malformed JSON, too large) happen before Nest's filters see a route;
 * this answers them as problem+json with their own codes.
 */
const bodyParserProblems = (error: Error & { status?: number; type?: string }, request: Request, response: Response, next: NextFunction): void => {
  if (!error.status || error.status >= 500) return next(error);
  if (error.type === 'entity.too.large') return sendProblem(response, request, problem(413, 'PAYLOAD_TOO_LARGE', `The body exceeds ${BODY_LIMIT}`));
  sendProblem(response, request, problem(400, 'MALFORMED_BODY', `The body could not be read: ${error.message}`));
};
