import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, ProblemError } from './problem';
import { normalizedText } from './text-input';

/** Flattens class-validator's tree into one entry per failing field, with its dotted path. */
export const fieldErrors = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });

const validationFailed = (fields: readonly FieldError[]): ProblemError =>
  new ProblemError(400, 'VALIDATION_FAILED', `${fields.length} field(s) failed validation`, fields);

/** One entry per field, in order of first appearance, with the messages of both lists. */
const mergeFieldErrors = (first: readonly FieldError[], second: readonly FieldError[]): FieldError[] => {
  const byField = new Map<string, string[]>();
  for (const { field, messages } of [...first, ...second]) byField.set(field, [...(byField.get(field) ?? []), ...messages]);
  return [...byField].map(([field, messages]) => ({ field, messages }));
};

/**
 * Bodies have every text normalised and checked (see `normalizedText`) before class-validator sees
 * them, whatever their class; a refused text is reported with the other failing fields.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body') return super.transform(value, metadata);
    const { body, errors } = normalizedText(value);
    if (errors.length === 0) return super.transform(body, metadata);
    try {
      await super.transform(body, metadata);
    } catch (error) {
      if (!(error instanceof ProblemError && error.code === 'VALIDATION_FAILED')) throw error;
      throw validationFailed(mergeFieldErrors(errors, error.errors ?? []));
    }
    throw validationFailed(errors);
  }
}

/** Whitelisted, unknown fields refused, nested objects validated, texts checked, every failing field reported. */
export const validationPipe = (): ValidationPipe => {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(fieldErrors(errors)),
  });
};
