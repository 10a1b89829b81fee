import { types, type CustomTypesConfig } from 'pg';

const INT8 = 20;

/** pg hands int8 over as a string; queries given these types make bigints of them without touching the global parsers. */
export const PG_BIGINTS: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? BigInt : types.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
};
