import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CanonicalJsonError, canonicalize } from './canonical-json';
import { canonicalBytes } from './leaf';
import { seededRandom, VECTORS_DIR } from './testing/vectors';

const JCS = path.join(VECTORS_DIR, 'rfc8785');
const cases = readdirSync(path.join(JCS, 'input')).sort();

describe('canonical JSON (RFC 8785)', () => {
  it('finds the published vectors', () => {
    expect(cases).toEqual(expect.arrayContaining(['arrays.json', 'french.json', 'structures.json', 'unicode.json', 'values.json', 'weird.json']));
  });

  describe.each(cases)('vector %s', (name) => {
    const input = JSON.parse(readFileSync(path.join(JCS, 'input', name), 'utf8')) as unknown;

    it('canonicalizes to the published output, byte for byte', () => {
      expect(canonicalBytes(input).equals(readFileSync(path.join(JCS, 'output', name)))).toBe(true);
    });

    it('canonicalizes to the published hex', () => {
      const hex = readFileSync(path.join(JCS, 'outhex', name.replace(/\.json$/, '.txt')), 'utf8');
      expect(canonicalBytes(input).toString('hex')).toBe(hex.split(/\s+/).join('').toLowerCase());
    });

    it('is a fixed point: canonicalizing the output again changes nothing', () => {
      expect(canonicalize(JSON.parse(canonicalize(input)))).toBe(canonicalize(input));
    });
  });

  it('orders members by UTF-16 code units, not by code points or locale', () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 in UTF-16 (not in code points).
    expect(canonicalize({ '\ufb33': 1, '\u{1f600}': 2, '\u00e9': 3, z: 4, Z: 5 })).toBe('{"Z":5,"z":4,"\u00e9":3,"\u{1f600}":2,"\ufb33":1}');
  });

  it('writes numbers as ECMAScript does, with negative zero as 0', () => {
    const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, Number.MAX_VALUE, 2 ** 53, -1.5e-10];
    expect(numbers.map((n) => canonicalize(n))).toEqual(numbers.map((n) => JSON.stringify(n)));
    expect(canonicalize(-0)).toBe('0');
  });

  it('escapes strings exactly as JSON.stringify does for well-formed text', () => {
    const random = seededRandom(8785);
    for (let run = 0; run < 2000; run++) {
      const units = Array.from({ length: Math.floor(random() * 12) }, () => {
        const pick = random();
        if (pick < 0.3) return String.fromCharCode(Math.floor(random() * 0x80));
        if (pick < 0.6) return String.fromCharCode(0xe000 + Math.floor(random() * 0x2000));
        if (pick < 0.8) return String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff));
        return String.fromCharCode(0x80 + Math.floor(random() * 0xd700));
      });
      const text = units.join('');
      expect(canonicalize(text)).toBe(JSON.stringify(text));
    }
  });

  it('writes random JSON as a plain reading of RFC 8785 does: sorted members, JSON.stringify for the rest', () => {
    const random = seededRandom(32);
    const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)];
    const texts = ['', 'a', 'Z', '10', '2', 'é', '\u{1f600}', '\ufb33', 'a"b', 'back\\slash', 'tab\there', '\u0000\u001f\u007f', '\u2028', 'line\n'];
    const value = (depth: number): unknown => {
      const kind = depth > 5 ? random() * 4 : random() * 6;
      if (kind < 1) return pick([null, true, false]);
      if (kind < 2) return pick([0, -0, 1, -1.5, 1e21, 1e-7, 5e-324, 2 ** 53 + 2, random() * 1e6, -random()]);
      if (kind < 4) return pick(texts) + pick(texts);
      if (kind < 5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 20) }, () => [pick(texts) + pick(texts), value(depth + 1)]));
    };
    const plainReading = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(plainReading).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        const members = Object.keys(v).sort();
        return `{${members.map((k) => `${JSON.stringify(k)}:${plainReading((v as Record<string, unknown>)[k])}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    for (let run = 0; run < 3000; run++) {
      const json = value(0);
      expect(canonicalize(json)).toBe(plainReading(json));
    }
  });

  it('writes nesting deeper than its fast path goes', () => {
    let deep: unknown = { a: [], z: 1 };
    for (let level = 0; level < 200; level++) deep = level % 2 === 0 ? [deep] : { a: level, b: deep };
    expect(canonicalize(deep)).toBe(JSON.stringify(deep));
  });

  it('keeps unnormalized Unicode as it is', () => {
    expect(canonicalize('A\u030a')).not.toBe(canonicalize('\u00c5'));
  });

  it('accepts the same object referenced twice, which is not a cycle', () => {
    const shared = { a: 1 };
    expect(canonicalize({ x: shared, y: [shared] })).toBe('{"x":{"a":1},"y":[{"a":1}]}');
  });

  it.each<[string, unknown, string]>([
    ['a bigint', { amount: 10n }, '$.amount'],
    ['undefined at the top', undefined, '$'],
    ['an undefined member, rather than dropping it', { a: 1, b: undefined }, '$.b'],
    ['an undefined array element', [1, undefined], '$[1]'],
    ['a hole in an array', new Array<unknown>(2), '$[0]'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', [Symbol('s')], '$[0]'],
    ['NaN', { n: NaN }, '$.n'],
    ['Infinity', { 'odd key': -Infinity }, '$["odd key"]'],
    ['a lone surrogate', { s: 'a\ud800b' }, '$.s'],
    ['a lone surrogate in a key', { ['\udc00']: 1 }, '$'],
    ['a Date, which is not plain JSON', { at: new Date(0) }, '$.at'],
    ['a Map', new Map(), '$'],
  ])('refuses %s and names where it is', (_what, value, where) => {
    expect(() => canonicalize(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalize(value)).toThrow(`${where}: `);
  });

  it('refuses a cycle instead of overflowing the stack', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(() => canonicalize(loop)).toThrow('$.self: circular reference');
  });

  it('refuses symbol keys', () => {
    expect(() => canonicalize({ [Symbol('k')]: 1 })).toThrow(CanonicalJsonError);
  });

  it('accepts objects without a prototype', () => {
    expect(canonicalize(Object.assign(Object.create(null) as object, { b: 1, a: [true, null] }))).toBe('{"a":[true,null],"b":1}');
  });
});
