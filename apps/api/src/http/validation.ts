import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, ProblemError } from './problem';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** Flattens class-validator's tree into one entry per failing field, with its dotted path. */
export const fieldErrors = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });

/** Whitelisted, unknown fields refused, nested objects validated, every failing field reported. */
export const validationPipe = (): ValidationPipe => {
  cacheValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      return new ProblemError(400, 'VALIDATION_FAILED', `${fields.length} field(s) failed validation`, fields);
    },
  });
};
