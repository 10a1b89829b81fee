import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { isValidSiret } from '@mandate-ledger/domain';

// The published schemas, read where the project's shared folder lies (beside the repository), never
// copied: a new version of either is checked as published.

const SCHEMAS = join(__dirname, '..', '..', '..', 'shared', 'schemas');
const readSchema = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as Record<string, unknown>;

/**
 * DECP 2.0.3 with ajv. `strict: false`: the published schema uses keywords ajv's strict mode
 * frowns upon (`uniqueItems` on an object), which we do not get to change.
 */
export const validateDecp = (document: unknown): ErrorObject[] => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(readSchema('decp-2.0.3.schema.json'));
  return validate(document) ? [] : [...(validate.errors ?? [])];
};

interface TableSchemaField {
  readonly name: string;
  readonly type: string;
  readonly trueValues?: readonly string[];
  readonly falseValues?: readonly string[];
  readonly constraints?: Readonly<Record<string, unknown>>;
}

interface TableSchema {
  readonly fields: readonly TableSchemaField[];
  readonly missingValues?: readonly string[];
  readonly custom_checks?: readonly { readonly name: string; readonly params: Readonly<Record<string, string>> }[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Table Schema (frictionless) semantics for one field: the cell cast to its type as the spec says
 * (a number from its text, a boolean from its true and false values; anything that does not cast
 * stays a string and fails the type), then its constraints as JSON Schema keywords for ajv. A type
 * or constraint this does not know throws, so that a new schema version is never half-checked.
 */
const fieldRule = (field: TableSchemaField) => {
  const constraints = { ...field.constraints };
  const required = constraints.required === true;
  delete constraints.required;
  const json: Record<string, unknown> = {};
  let cast = (cell: string): unknown => cell;
  switch (field.type) {
    case 'string':
      json.type = 'string';
      break;
    case 'date':
      json.type = 'string';
      json.format = 'date';
      break;
    case 'number':
      json.type = 'number';
      cast = (cell) => (NUMBER.test(cell) ? Number(cell) : cell);
      break;
    case 'boolean': {
      const trueValues = field.trueValues ?? ['true', 'True', 'TRUE', '1'];
      const falseValues = field.falseValues ?? ['false', 'False', 'FALSE', '0'];
      json.type = 'boolean';
      cast = (cell) => (trueValues.includes(cell) ? true : falseValues.includes(cell) ? false : cell);
      break;
    }
    default:
      throw new Error(`field ${field.name}: type ${field.type} is not checked here`);
  }
  for (const [keyword, value] of Object.entries(constraints)) {
    if (!['pattern', 'maxLength', 'minLength', 'enum', 'minimum', 'maximum'].includes(keyword)) throw new Error(`field ${field.name}: constraint ${keyword} is not checked here`);
    // Table Schema patterns are XML Schema expressions, which match the whole value.
    json[keyword] = keyword === 'pattern' ? `^(?:${String(value)})$` : value;
  }
  return { required, json, cast };
};

const CUSTOM_CHECKS: Record<string, (row: Readonly<Record<string, string>>, params: Readonly<Record<string, string>>) => string | undefined> = {
  'french-siret-value': (row, { column }) => (row[column] === '' || isValidSiret(row[column]) ? undefined : `${column} ${row[column]} is not a valid SIRET`),
  'one-of-required': (row, { column1, column2 }) => (row[column1] !== '' || row[column2] !== '' ? undefined : `one of ${column1} and ${column2} is required`),
};

/**
 * Every error of a CSV against the SCDL `subventions` 2.1.1 Table Schema: the header (the fields,
 * in order), then each row's cells (type, format, constraints, enum) and the schema's custom checks.
 */
export const validateScdlSubventionsCsv = (csv: string): string[] => {
  const schema = readSchema('scdl-subventions-2.1.1.schema.json') as unknown as TableSchema;
  const missing = new Set(schema.missingValues ?? ['']);
  const names = schema.fields.map((field) => field.name);
  const [header, ...rows] = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  const errors: string[] = [];
  if (JSON.stringify(header) !== JSON.stringify(names)) errors.push(`header ${JSON.stringify(header)} is not ${JSON.stringify(names)}`);
  const rules = schema.fields.map(fieldRule);
  // Not in Unicode mode: the published patterns escape `-`, which XML Schema allows and ECMAScript's `u` flag does not.
  const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile({
    type: 'object',
    properties: Object.fromEntries(schema.fields.map((field, i) => [field.name, rules[i].json])),
    required: schema.fields.filter((_, i) => rules[i].required).map((field) => field.name),
  });
  rows.forEach((cells, r) => {
    const at = `row ${r + 2}`;
    if (cells.length !== names.length) errors.push(`${at}: ${cells.length} cells for ${names.length} fields`);
    const record = Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
    const typed = Object.fromEntries(names.flatMap((name, i) => (missing.has(record[name]) ? [] : [[name, rules[i].cast(record[name])]])));
    if (!validate(typed)) errors.push(...(validate.errors ?? []).map((error) => `${at}: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`));
    for (const check of schema.custom_checks ?? []) {
      const run = CUSTOM_CHECKS[check.name];
      if (run === undefined) throw new Error(`custom check ${check.name} is not checked here`);
      const error = run(record, check.params);
      if (error !== undefined) errors.push(`${at}: ${error}`);
    }
  });
  return errors;
};
