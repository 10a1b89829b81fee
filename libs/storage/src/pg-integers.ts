import type { CustomTypesConfig, types } from 'pg';

const INT8 = 20;

/**
 * pg's type parsers with int8 (which pg hands over as a string) read by `parse`, for queries to take
 * as `types` without touching the global parsers. `pgTypes` is the caller's `types` from `pg`, so
 * that this library loads no driver.
 */
export const int8ParsedAs = (pgTypes: typeof types, parse: (text: string) => bigint | number): CustomTypesConfig => ({
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? parse : pgTypes.getTypeParser(oid, format as 'text')) as CustomTypesConfig['getTypeParser'],
});
