import fc from 'fast-check';
import { rowJsonOf } from './row-json';

// A row's JSON is written from the previous version's where members are the same values; it must
// be JSON.stringify's text whatever changed between the two.

const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.record({ type: fc.string(), at: fc.option(fc.string(), { nil: undefined }) }), { maxLength: 3 }),
  fc.record({ departement: fc.string(), communes: fc.array(fc.string(), { maxLength: 3 }) }),
);
const row = fc.dictionary(fc.constantFrom('status', 'period', 'terms', 'fundings', 'suspensions', 'é', '"', 'toString'), value, { maxKeys: 8 });

/** The next version: some members replaced or removed, some added, the rest the very same values. */
const nextOf = (previous: Record<string, unknown>) =>
  fc.tuple(row, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })).map(([changes, keep]) => {
    const next: Record<string, unknown> = {};
    Object.keys(previous).forEach((key, i) => {
      if (keep[i]) next[key] = previous[key];
    });
    return { ...next, ...changes };
  });

describe('the JSON of a row', () => {
  it('is the text JSON.stringify writes, for a first version and for every next one', () =>
    fc.assert(
      fc.property(
        row.chain((first) => fc.tuple(fc.constant(first), nextOf(first))).chain(([first, second]) => fc.tuple(fc.constant(first), fc.constant(second), nextOf(second))),
        ([first, second, third]) => {
          const a = rowJsonOf(first);
          const b = rowJsonOf(second, { doc: first, ...a });
          const c = rowJsonOf(third, { doc: second, ...b });
          expect([a.json, b.json, c.json]).toEqual([JSON.stringify(first), JSON.stringify(second), JSON.stringify(third)]);
        },
      ),
      { numRuns: 2000 },
    ));

  it('is the same after a version written whole, whose member positions are unknown', () => {
    const first = { status: 'granted', terms: [{ type: 'SHOWERS' }] };
    const second = { ...first, status: 'terminated', terminatedFrom: '2018-03-01' };
    expect(rowJsonOf(second, { doc: first, json: JSON.stringify(first) }).json).toBe(JSON.stringify(second));
  });

  it('leaves values with a toJSON to JSON.stringify, which gives it the member name', () => {
    const at = { toJSON: (key: string) => `at ${key}` };
    const previous = { on: 'x' };
    const next = { on: 'x', at };
    expect(rowJsonOf(next, { doc: previous, ...rowJsonOf(previous) }).json).toBe(JSON.stringify(next));
    expect(rowJsonOf([1, { a: 2 }]).json).toBe('[1,{"a":2}]');
    expect(rowJsonOf(new Date(0)).json).toBe(JSON.stringify(new Date(0)));
  });
});
