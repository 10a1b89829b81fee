import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import pretty from 'pino-pretty';
import type { AuthenticatedRequest } from '../auth/principal';
import type { OperationsConfig } from './operations-config';

/**
 * The process's one logger: JSON lines on stdout (ISO time, level as a word, pid and host), or
 * pino-pretty's lines for a person at a terminal. Synchronous either way, so that nothing is lost
 * when the process exits right after a line.
 */
export const createRootLogger = ({ logLevel, logFormat }: Pick<OperationsConfig, 'logLevel' | 'logFormat'>): Logger => {
  if (logFormat === 'pretty') {
    const stream = pretty({
      sync: true,
      colorize: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,context',
      messageFormat: '{if context}[{context}] {end}{msg}',
    });
    return pino({ level: logLevel }, stream);
  }
  return pino(
    { level: logLevel, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    pino.destination({ fd: 1, sync: true }),
  );
};

/** The route pattern Express matched (`/mandates/:id`), never the raw path; `unmatched` before or without a route. */
export const routeOf = (request: IncomingMessage): string => {
  const { route, baseUrl } = request as Request;
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : 'unmatched';
};

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapes are logged at `debug`: every few seconds from every load balancer, they would drown the rest. */
const isProbe = (request: IncomingMessage): boolean => /^\/(health|metrics)(\/|$|\?)/.test(request.url ?? '');

/**
 * What the line of a request says: its ids, method, route pattern, status, duration and the
 * principal's `sub`. Never a header (a token), a body, a query string or the client's address.
 */
const requestLine = (request: IncomingMessage, response: ServerResponse, durationMs: number) => {
  const given = request.headers['x-correlation-id'];
  const answered = response.getHeader('x-correlation-id');
  const correlationId = typeof answered === 'string' ? answered : typeof given === 'string' && CORRELATION_ID.test(given) ? given : undefined;
  return {
    correlationId,
    method: request.method,
    route: routeOf(request),
    status: response.statusCode,
    durationMs,
    sub: (request as AuthenticatedRequest).principal?.sub,
  };
};

/**
 * One log line per request, written when its answer is sent: `GET /mandates/:id 200` with the
 * fields of {@link requestLine}. Each request gets an id (`X-Request-Id` on the answer, `requestId`
 * in the log, and in the metadata of the events it appends); the lines logged while it runs carry it.
 */
export const requestLog = (logger: Logger): RequestHandler =>
  pinoHttp({
    logger,
    genReqId: (_request, response) => {
      const id = randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    customLogLevel: (request, response, error) => (error || response.statusCode >= 500 ? 'error' : isProbe(request) ? 'debug' : 'info'),
    customSuccessObject: (request, response, fields) => requestLine(request, response, (fields as { durationMs: number }).durationMs),
    customErrorObject: (request, response, _error, fields) => requestLine(request, response, (fields as { durationMs: number }).durationMs),
    customSuccessMessage: (request, response) => `${request.method} ${routeOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${routeOf(request)} ${response.statusCode}`,
  }) as unknown as RequestHandler;
