import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { WriteResult } from './write-result';

/** A write: answers `{id, revision, position}` with the ETag (see `answerWrite`), honours If-Match and Idempotency-Key. */
export const WriteEndpoint = (status: 200 | 201 = 201) =>
  applyDecorators(
    HttpCode(status),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Retrying the same request with the same key returns the first answer and appends nothing; the key with another request is a 422',
    }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (revision) last read: 412 if the resource changed since' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Recorded in the metadata of every event this write appends' }),
    status === 201 ? ApiCreatedResponse({ type: WriteResult }) : ApiOkResponse({ type: WriteResult }),
  );
