import { plainData } from './plain-data';

class Inner {
  kept = 1;
  unset?: string = undefined;
}

class Outer {
  inner = new Inner();
  list = [new Inner(), 'text', null];
  removed: string | null = null;
  unset?: number = undefined;
}

describe('plainData', () => {
  it('copies class instances into plain objects without their unset members, keeping null', () => {
    const copy = plainData(new Outer());
    expect(copy).toStrictEqual({ inner: { kept: 1 }, list: [{ kept: 1 }, 'text', null], removed: null });
    expect(Object.getPrototypeOf(copy.inner)).toBe(Object.prototype);
  });

  it('leaves JSON values as they are', () => {
    expect(plainData('x')).toBe('x');
    expect(plainData(0)).toBe(0);
    expect(plainData(null)).toBeNull();
    expect(plainData([1, [2]])).toStrictEqual([1, [2]]);
  });

  it('keeps a member named __proto__ as data, never as the prototype', () => {
    const copy = plainData(JSON.parse('{"__proto__": {"polluted": true}}') as object);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
