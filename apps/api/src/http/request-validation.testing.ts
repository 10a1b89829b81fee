import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate, type ValidatorOptions } from 'class-validator';
import type { FieldError } from './problem';
import { fieldErrors } from './validation';

/** The options of `validationPipe()`, for testing a request DTO without an HTTP round trip. */
export const PIPE_VALIDATION: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

/** Transforms and validates `body` as the pipe does; answers every failing field. */
export const validateBody = async <T extends object>(type: ClassConstructor<T>, body: unknown): Promise<FieldError[]> =>
  fieldErrors(await validate(plainToInstance(type, body) as object, PIPE_VALIDATION));

/** The failing field paths only, sorted and without duplicates. */
export const failingFields = async <T extends object>(type: ClassConstructor<T>, body: unknown): Promise<string[]> =>
  [...new Set((await validateBody(type, body)).map(({ field }) => field))].sort();

/** `body` as a DTO instance, after checking that it validates. */
export const validInstance = async <T extends object>(type: ClassConstructor<T>, body: unknown): Promise<T> => {
  const instance = plainToInstance(type, body);
  const errors = fieldErrors(await validate(instance, PIPE_VALIDATION));
  if (errors.length > 0) throw new Error(`expected a valid ${type.name}, got ${JSON.stringify(errors)}`);
  return instance;
};
