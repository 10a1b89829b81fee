import { type ArgumentMetadata, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { ProblemError } from './problem';

/** `:id` path parameters are UUIDs; anything else is a 400 naming the field. */
export const uuidParam = () => new LowerCaseUuidPipe();

/** A UUID folded to lower case, so that one mandate never has two stream names. */
class LowerCaseUuidPipe implements PipeTransform<string, Promise<string>> {
  private readonly uuid = new ParseUUIDPipe({
    exceptionFactory: () => new ProblemError(400, 'VALIDATION_FAILED', 'id must be a UUID', [{ field: 'id', messages: ['id must be a UUID'] }]),
  });

  async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await this.uuid.transform(value, metadata)).toLowerCase();
  }
}

