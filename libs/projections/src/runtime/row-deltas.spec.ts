import fc from 'fast-check';
import { threeRowVersions } from '../testing/row-versions.arbitrary';
import { deltaOf, documentOfDeltas, memberTextsOf } from './row-deltas';

// A system-versioned row stores, per version, what changed since the version before; folding the
// deltas of its versions must give back each version's document.

const versions = threeRowVersions(['status', 'period', 'terms', 'fundings', 'suspensions', 'é', '"', 'toString', '__proto__']);

const asJson = (doc: unknown): unknown => JSON.parse(JSON.stringify(doc) ?? 'null');

describe('the deltas of a row', () => {
  it('fold back into the document of every version', () =>
    fc.assert(
      fc.property(
        versions,
        (versions) => {
          const deltas: string[] = [];
          let previous: { doc: unknown; texts: ReturnType<typeof memberTextsOf> } | undefined;
          for (const doc of versions) {
            const texts = memberTextsOf(doc, previous);
            const delta = deltaOf(texts, previous?.texts);
            if (delta === undefined) expect(asJson(doc)).toEqual(asJson(previous!.doc));
            else deltas.push(delta);
            expect(asJson(documentOfDeltas(deltas))).toEqual(asJson(doc));
            previous = { doc, texts };
          }
        },
      ),
      { numRuns: 2000 },
    ));

  it('store only the members that changed', () => {
    const first = { status: 'granted', terms: [{ type: 'SHOWERS' }], suspensions: [] };
    const second = { ...first, suspensions: [{ from: '2018-02-10' }] };
    const third = { status: 'terminated', terms: first.terms, suspensions: second.suspensions, terminatedFrom: '2018-03-01' };
    const [a, b, c] = [memberTextsOf(first), memberTextsOf(second, { doc: first, texts: memberTextsOf(first) }), memberTextsOf(third)];
    expect(deltaOf(b, a)).toBe('{"set":{"suspensions":[{"from":"2018-02-10"}]}}');
    expect(deltaOf(c, b)).toBe('{"set":{"status":"terminated","terminatedFrom":"2018-03-01"}}');
    expect(deltaOf(b, c)).toBe('{"set":{"status":"granted"},"unset":["terminatedFrom"]}');
    expect(deltaOf(memberTextsOf({ ...second }), b)).toBeUndefined();
  });

  it('start from the whole document for a first version, and for one that is not a plain object', () => {
    expect(deltaOf(memberTextsOf({ a: 1 }))).toBe('{"doc":{"a":1}}');
    expect(deltaOf(memberTextsOf([1, 2]), memberTextsOf({ a: 1 }))).toBe('{"doc":[1,2]}');
    expect(deltaOf(memberTextsOf([1, 2]), memberTextsOf([1, 2]))).toBeUndefined();
    expect(documentOfDeltas(['{"doc":{"a":1}}', '{"set":{"b":2}}', '{"doc":[1,2]}'])).toEqual([1, 2]);
  });

  it('serialize a member with a toJSON as JSON.stringify would, given its name', () => {
    const at = { toJSON: (key: string) => `at ${key}` };
    expect(documentOfDeltas([deltaOf(memberTextsOf({ on: 'x', at }))!])).toEqual({ on: 'x', at: 'at at' });
  });
});
