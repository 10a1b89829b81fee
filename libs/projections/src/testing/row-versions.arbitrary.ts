import fc from 'fast-check';

const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.record({ type: fc.string(), at: fc.option(fc.string(), { nil: undefined }) }), { maxLength: 3 }),
  fc.record({ departement: fc.string(), communes: fc.array(fc.string(), { maxLength: 3 }) }),
);

/**
 * Three successive documents of a row whose members are named among `keys`: each next version has
 * some members replaced or removed, some added, and the rest the very same values as before.
 */
export const threeRowVersions = (keys: readonly string[]): fc.Arbitrary<[Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]> => {
  const row = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 8 });
  const nextOf = (previous: Record<string, unknown>) =>
    fc.tuple(row, fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length })).map(([changes, keep]) => {
      const next: Record<string, unknown> = {};
      Object.keys(previous).forEach((key, i) => {
        if (keep[i]) next[key] = previous[key];
      });
      return { ...next, ...changes };
    });
  return row
    .chain((first) => fc.tuple(fc.constant(first), nextOf(first)))
    .chain(([first, second]) => fc.tuple(fc.constant(first), fc.constant(second), nextOf(second)));
};
