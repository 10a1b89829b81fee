import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationTypes, type ValidatorOptions } from 'class-validator';
import type { FieldError } from './problem';
import { WHOLE_BODY } from './request-validators';
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

@Module({})
class NoRoutesModule {}

/** The OpenAPI schemas that @nestjs/swagger generates for `models`, as served at `/docs-json`. */
export const openApiSchemas = async (models: readonly ClassConstructor<object>[]): Promise<Record<string, SchemaObject>> => {
  const app = await NestFactory.create(NoRoutesModule, { logger: false });
  try {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build(), { extraModels: [...models] });
    return (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  } finally {
    await app.close();
  }
};

const validationMetadata = (type: ClassConstructor<object>) =>
  getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .filter(({ propertyName }) => propertyName !== WHOLE_BODY);

/** Properties that class-validator checks (and so the whitelist lets through), sorted. */
export const validatedProperties = (type: ClassConstructor<object>): string[] =>
  [...new Set(validationMetadata(type).map(({ propertyName }) => propertyName))].sort();

/** Properties that may be left out (`@IsOptional()`, `@ValidateIf()`), sorted. */
export const conditionalProperties = (type: ClassConstructor<object>): string[] =>
  [...new Set(validationMetadata(type).filter(({ type: kind }) => kind === ValidationTypes.CONDITIONAL_VALIDATION).map(({ propertyName }) => propertyName))].sort();

/** Properties checked against a closed list (`@IsIn`), sorted. */
export const closedListProperties = (type: ClassConstructor<object>): string[] =>
  [...new Set(validationMetadata(type).filter(({ name }) => name === 'isIn').map(({ propertyName }) => propertyName))].sort();

/**
 * Checks that the OpenAPI schema of each model documents exactly the properties its validators
 * accept, never marks as required what may be left out, and lists the values of closed lists.
 */
export const expectOpenApiToDescribe = async (models: readonly ClassConstructor<object>[]): Promise<void> => {
  const schemas = await openApiSchemas(models);
  for (const model of models) {
    const schema = schemas[model.name];
    expect({ model: model.name, documented: Object.keys(schema?.properties ?? {}).sort() }).toEqual({ model: model.name, documented: validatedProperties(model) });
    const required = new Set(schema.required ?? []);
    expect({ model: model.name, requiredButOptional: conditionalProperties(model).filter((p) => required.has(p)) }).toEqual({ model: model.name, requiredButOptional: [] });
    for (const property of closedListProperties(model)) {
      const described = JSON.stringify(schema.properties?.[property]);
      expect({ model: model.name, property, listed: /"enum"|"\$ref"/.test(described) }).toEqual({ model: model.name, property, listed: true });
    }
  }
};
