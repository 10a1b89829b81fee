import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import type { Role } from '@mandate-ledger/application';
import { Roles } from '../auth/principal';
import { WriteResult } from './write-result';

/**
 * A write: answers `{id, revision, position}` with the ETag (see `HttpWrite.answer`), honours If-Match and
 * Idempotency-Key. Only `writers` get past the guard: any other role has its 403 before its body is read.
 */
export const WriteEndpoint = (writers: readonly Role[], status: 200 | 201 = 201) =>
  applyDecorators(
    Roles(...writers),
    HttpCode(status),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Retrying the same request with the same key returns the first answer and appends nothing; the key with another request is a 422',
    }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (revision) last read: 412 if the resource changed since' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Recorded in the metadata of every event this write appends' }),
    status === 201 ? ApiCreatedResponse({ type: WriteResult }) : ApiOkResponse({ type: WriteResult }),
    ApiForbiddenResponse({ description: `Roles other than ${writers.join(', ')} (ROLE_NOT_ALLOWED), and principals outside the resource's scope` }),
  );
