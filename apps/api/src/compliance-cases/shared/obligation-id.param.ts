import type { PipeTransform } from '@nestjs/common';
import { ProblemError } from '../../http/problem';
import { OBLIGATION_ID } from './compliance-case-terms.request';

const MESSAGE = 'obligationId must be 1 to 100 letters, digits or ._- (starting with a letter or digit)';

/** `:obligationId` path parameters take the shape of obligation ids in bodies; anything else is a 400 naming the field. */
class ObligationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (OBLIGATION_ID.test(value)) return value;
    throw new ProblemError(400, 'VALIDATION_FAILED', MESSAGE, [{ field: 'obligationId', messages: [MESSAGE] }]);
  }
}

export const obligationIdParam = () => new ObligationIdPipe();
