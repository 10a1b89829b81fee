import fc from 'fast-check';
import { threeRowVersions } from '../testing/row-versions.arbitrary';
import { rowJsonOf } from './row-json';

// A row's JSON is written from the previous version's where members are the same values; it must
// be JSON.stringify's text whatever changed between the two.

const versions = threeRowVersions(['status', 'period', 'terms', 'fundings', 'suspensions', 'é', '"', 'toString']);

describe('the JSON of a row', () => {
  it('is the text JSON.stringify writes, for a first version and for every next one', () =>
    fc.assert(
      fc.property(
        versions,
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
