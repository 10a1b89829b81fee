import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { buildMessage, IsUUID, registerDecorator, ValidateBy, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isValidDepartementCode, isValidLanguageCode } from '@mandate-ledger/domain';

/** Bounds of free text in request bodies. */
export const TEXT_LIMITS = { name: 200, reference: 100, text: 4000 } as const;
/** Integer cents: up to €100 billion. */
export const MAX_AMOUNT_CENTS = 1e13;
export const MAX_FTE = 100_000;

/** May be left out, but `null` is refused (unlike `@IsOptional()`, which lets `null` through). */
export const IsOptionalNotNull = (options?: ValidationOptions): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);

/** Département codes as the domain knows them: 01–95 without 20, 2A, 2B, 971–976. */
export const IsDepartementCode = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isDepartementCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidDepartementCode(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a département code (01–95, 2A, 2B, 971–976)`, options),
      },
    },
    options,
  );

/** ISO 639-1, or a three-letter ISO 639-2/3 code (Dari `prs`, Sorani `ckb`), as the domain accepts. */
export const IsLanguageCode = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isLanguageCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidLanguageCode(value),
        defaultMessage: buildMessage((each) => `${each}$property must be an ISO 639 language code`, options),
      },
    },
    options,
  );

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object property (e.g. `changes`) that must carry at least one of `fields`. */
export const HasAtLeastOneOf = (fields: readonly string[], options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'hasAtLeastOneOf',
      constraints: [fields],
      validator: {
        // A value that is not an object is reported by the property's other decorators.
        validate: (value: unknown) => !isRecord(value) || fields.some((field) => value[field] !== undefined),
        defaultMessage: () => `$property must contain at least one of ${fields.join(', ')}`,
      },
    },
    options,
  );

/** Field name of the error when a whole body is empty: `''`, the body itself. */
export const WHOLE_BODY = '';

/**
 * Class decorator: the body must carry at least one of `fields`. The error is reported on the
 * field `''` (the body as a whole); sending a member literally named `''` is refused too.
 */
export const BodyHasAtLeastOneOf =
  (fields: readonly string[]): ClassDecorator =>
  (target) =>
    registerDecorator({
      name: 'bodyHasAtLeastOneOf',
      target,
      propertyName: WHOLE_BODY,
      constraints: [fields],
      validator: {
        validate: (value: unknown, { object }: ValidationArguments) =>
          value === undefined && fields.some((field) => (object as Record<string, unknown>)[field] !== undefined),
        defaultMessage: ({ value }: ValidationArguments) =>
          value === undefined ? `the body must contain at least one of ${fields.join(', ')}` : `property '' should not exist`,
      },
    });

/** A UUID, folded to lower case: stream names are built from ids, so `A…` and `a…` must be one stream. */
export const IsUuid = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    IsUUID(),
  );
