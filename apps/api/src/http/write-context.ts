import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { ApplicationCommand, CommandContext, CommandResult } from '@mandate-ledger/application';
import { uuidFromSeed, uuidv7 } from '@mandate-ledger/event-store';
import { RunCommand } from '../application/run-command';
import type { AuthenticatedRequest } from '../auth/principal';
import { idempotencyFingerprintOf } from './idempotency-fingerprint';
import { ProblemError } from './problem';
import type { WriteAnswer } from './write-result';

/** A write request as the command path needs it: its context from the headers, and its answer in headers and body. */
export interface HttpWrite {
  readonly context: CommandContext;
  /**
   * The id of a resource being created: the client's, else derived from its Idempotency-Key (so a
   * retry lands on the same stream), else a new time-ordered UUID.
   */
  newId(given: string | undefined, kind: string): string;
  /** `{id, revision, position}` with the new ETag, and `Idempotent-Replayed: true` when nothing was appended. */
  answer(result: CommandResult): WriteAnswer;
}

const TOKEN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Parses `If-Match: "3"` (or `3`, or `W/"3"`) into a revision. */
export const parseIfMatch = (header: string | undefined): bigint | undefined => {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,18})"?$/.exec(header.trim());
  if (!match) throw new ProblemError(400, 'INVALID_IF_MATCH', 'If-Match must be the ETag of the resource, e.g. "3"');
  return BigInt(match[1]);
};

/** The command context of a request: principal, clock, `X-Correlation-Id`, `If-Match`, `Idempotency-Key` (scoped to the caller). */
export const commandContextOf = (request: AuthenticatedRequest, response: Response): CommandContext => {
  if (!request.principal) throw new Error('a write needs an authenticated request');
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const correlationId = header('x-correlation-id') ?? randomUUID();
  if (!TOKEN.test(correlationId)) throw new ProblemError(400, 'INVALID_CORRELATION_ID', 'X-Correlation-Id must be 1 to 128 letters, digits or ._:-');
  const key = header('idempotency-key');
  if (key !== undefined && !TOKEN.test(key)) throw new ProblemError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 128 letters, digits or ._:-');
  // The id the request log gave the request (and already answered in X-Request-Id), so that the log and the events name it alike.
  const requestId = typeof request.id === 'string' ? request.id : randomUUID();
  response.setHeader('X-Request-Id', requestId);
  response.setHeader('X-Correlation-Id', correlationId);
  const { principal } = request;
  return {
    actor: principal,
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

/** Injects the {@link HttpWrite} of the current request. */
export const Write = createParamDecorator((_: unknown, execution: ExecutionContext): HttpWrite => {
  const http = execution.switchToHttp();
  const response = http.getResponse<Response>();
  const context = commandContextOf(http.getRequest<AuthenticatedRequest>(), response);
  return {
    context,
    newId: (given, kind) => given ?? (context.idempotency ? uuidFromSeed(`${context.idempotency.key}\u0000${kind}`) : uuidv7()),
    answer: ({ id, revision, position, appended }) => {
      response.setHeader('ETag', `"${revision}"`);
      if (!appended) response.setHeader('Idempotent-Replayed', 'true');
      return { id, revision: Number(revision), position: position.toString() };
    },
  };
});

/** Runs a write's command on the bus and answers its result. */
export const runWrite = async (commands: CommandBus, write: HttpWrite, command: ApplicationCommand): Promise<WriteAnswer> =>
  write.answer(await commands.execute(new RunCommand(command, write.context)));
