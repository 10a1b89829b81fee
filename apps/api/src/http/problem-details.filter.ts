import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessDeniedError } from '@mandate-ledger/application';
import { type DomainErrorKind, isDomainError } from '@mandate-ledger/domain';
import { DuplicateEventIdError, IdempotencyKeyReusedError, InvalidAppendError, WrongExpectedRevisionError } from '@mandate-ledger/event-store';
import { type Problem, problem, ProblemError, sendProblem } from './problem';

/** 422 when the command can never succeed as written, 409 when the current state refuses it. */
const STATUS_OF_KIND: Record<DomainErrorKind, number> = { invalid: 422, conflict: 409, not_found: 404 };

/**
 * Maps every error to `application/problem+json`. Only this project's own errors are 4xx: a driver's
 * error carries a `code` too (`SQLITE_MISMATCH`, PostgreSQL's `P0001`), but it is a 500 whose body
 * names no engine, table or value, and it is logged in full.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, headers } = this.toProblem(exception, request);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    sendProblem(response, request, problem);
  }

  private toProblem(exception: unknown, request: Request): { problem: Problem; headers: Record<string, string> } {
    if (exception instanceof ProblemError) {
      return { problem: problem(exception.status, exception.code, exception.message, { errors: exception.errors }), headers: { ...exception.headers } };
    }
    if (exception instanceof AccessDeniedError) return { problem: problem(403, exception.code, exception.message), headers: {} };
    if (exception instanceof WrongExpectedRevisionError) {
      const conditional = request.headers['if-match'] !== undefined;
      return {
        problem: conditional
          ? problem(412, 'PRECONDITION_FAILED', `The resource is at revision ${exception.actual}, not ${exception.expected}`)
          : problem(409, 'CONCURRENT_MODIFICATION', 'Another write changed this resource at the same time; read it again and retry'),
        headers: typeof exception.actual === 'bigint' ? { ETag: `"${exception.actual}"` } : {},
      };
    }
    if (exception instanceof IdempotencyKeyReusedError) return { problem: problem(422, exception.code, exception.message), headers: {} };
    if (exception instanceof DuplicateEventIdError) return { problem: problem(409, exception.code, exception.message), headers: {} };
    if (exception instanceof InvalidAppendError) return { problem: problem(400, 'VALIDATION_FAILED', exception.message), headers: {} };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const given = typeof body === 'object' && body !== null ? (body as { code?: string; detail?: string; message?: unknown }) : {};
      const code = given.code ?? httpCode(status);
      const detail = given.detail ?? (typeof given.message === 'string' ? given.message : exception.message);
      return { problem: problem(status, code, detail), headers: {} };
    }
    if (isDomainError(exception)) {
      return { problem: problem(STATUS_OF_KIND[exception.kind], exception.code, exception.message, { ...exception.details }), headers: {} };
    }
    this.logger.error(`${request.method} ${request.originalUrl}: ${errorForLog(exception)}`);
    return { problem: problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged'), headers: {} };
  }
}

const httpCode = (status: number): string =>
  ({ 400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' })[
    status
  ] ?? `HTTP_${status}`;

/** The whole error for the log: its code (a driver's SQLSTATE or SQLite code), stack and cause. */
const errorForLog = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause === undefined ? '' : `\ncaused by ${errorForLog(error.cause)}`;
  return `${code === undefined ? '' : `[${String(code)}] `}${error.stack ?? error.message}${cause}`;
};
