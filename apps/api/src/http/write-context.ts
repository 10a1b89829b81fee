import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { EventMetadata, IdempotencyKey } from '@mandate-ledger/event-store';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { idempotencyFingerprintOf } from './idempotency-fingerprint';
import { ProblemError } from './problem';
import type { WriteAnswer, WriteResult } from './write-result';

/** What every write needs besides its body: who, when, under which correlation, and its preconditions. */
export interface WriteContext {
  readonly principal: Principal;
  /** ISO 8601 UTC instant the command was received: the domain never reads the clock. */
  readonly now: string;
  readonly correlationId: string;
  readonly requestId: string;
  /** From `If-Match`. */
  readonly expectedRevision?: bigint;
  /**
   * From `Idempotency-Key`, scoped to the caller so two callers never share a key, with the
   * fingerprint of this request (method, path, principal, body) that a retry must repeat.
   */
  readonly idempotency?: IdempotencyKey;
}

const TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Parses `If-Match: "3"` (or `3`, or `W/"3"`) into a revision. */
export const parseIfMatch = (header: string | undefined): bigint | undefined => {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,18})"?$/.exec(header.trim());
  if (!match) throw new ProblemError(400, 'INVALID_IF_MATCH', 'If-Match must be the ETag of the resource, e.g. "3"');
  return BigInt(match[1]);
};

export const writeContextOf = (request: AuthenticatedRequest, response: Response): WriteContext => {
  if (!request.principal) throw new Error('a write context needs an authenticated request');
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const correlationId = header('x-correlation-id') ?? randomUUID();
  if (!TOKEN.test(correlationId)) throw new ProblemError(400, 'INVALID_CORRELATION_ID', 'X-Correlation-Id must be 1 to 128 letters, digits or ._:-');
  const key = header('idempotency-key');
  if (key !== undefined && !TOKEN.test(key)) throw new ProblemError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 128 letters, digits or ._:-');
  const requestId = randomUUID();
  response.setHeader('X-Request-Id', requestId);
  response.setHeader('X-Correlation-Id', correlationId);
  const { principal } = request;
  return {
    principal,
    now: new Date().toISOString(),
    correlationId,
    requestId,
    expectedRevision: parseIfMatch(header('if-match')),
    idempotency:
      key === undefined
        ? undefined
        : { key: `${principal.sub}:${key}`, fingerprint: idempotencyFingerprintOf({ method: request.method, path: request.path, principal, body: request.body }) },
  };
};

/** The response each context of a `@Write()` parameter was made for, where {@link answerWrite} sets its headers. */
const responses = new WeakMap<WriteContext, Response>();

/** Injects the {@link WriteContext} of the current request. */
export const Write = createParamDecorator((_: unknown, context: ExecutionContext): WriteContext => {
  const http = context.switchToHttp();
  const response = http.getResponse<Response>();
  const write = writeContextOf(http.getRequest<AuthenticatedRequest>(), response);
  responses.set(write, response);
  return write;
});

/**
 * What a write endpoint returns for its command's result: `{id, revision, position}`, with the new
 * ETag, and `Idempotent-Replayed: true` when an Idempotency-Key replayed an earlier answer. A call
 * rather than an interceptor, which Nest runs through RxJS and an `AsyncResource` on every request.
 */
export const answerWrite = async (context: WriteContext, write: Promise<WriteResult>): Promise<WriteAnswer> => {
  const { appended, ...answer } = await write;
  const response = responses.get(context);
  if (!response) throw new Error('answerWrite needs the context of a @Write() parameter');
  response.setHeader('ETag', `"${answer.revision}"`);
  if (!appended) response.setHeader('Idempotent-Replayed', 'true');
  return answer;
};

/**
 * The event metadata of DESIGN §6: actor, correlation id and the HTTP request id; and the départements
 * the actor's token held, which later access rules look back at (the opener of a compliance case).
 */
export const eventMetadataOf = ({ principal, correlationId, requestId }: WriteContext): EventMetadata => ({
  actor: { sub: principal.sub, role: principal.role },
  ...(principal.departements && { actorDepartements: [...principal.departements] }),
  correlationId,
  requestId,
});
