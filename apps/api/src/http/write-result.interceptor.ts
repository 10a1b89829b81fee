import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { WriteResult } from './write-result';

/** Answers `{id, revision, position}` with the new ETag, and flags a replay of an idempotent write. */
@Injectable()
export class WriteResultInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<WriteResult>): Observable<Omit<WriteResult, 'appended'>> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map(({ appended, ...result }) => {
        response.setHeader('ETag', `"${result.revision}"`);
        if (!appended) response.setHeader('Idempotent-Replayed', 'true');
        return result;
      }),
    );
  }
}
