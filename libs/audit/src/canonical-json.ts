/**
 * A value rejected by the canonical JSON encoder, with the JSON path where it sits
 * (`$.data.amount`) so the caller can find the offending field.
 */
export class CanonicalJsonError extends Error {
  readonly code = 'NOT_CANONICAL_JSON';

  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * The RFC 8785 (JCS) serialization of `value`: object members sorted by the UTF-16 code units of
 * their names, no whitespace, ECMAScript string escaping and number formatting.
 *
 * Accepts only the JSON data model: `null`, booleans, finite numbers, well-formed strings, arrays
 * and plain objects. Anything else (`undefined`, bigint, functions, symbols, NaN, Infinity, lone
 * surrogates, class instances such as `Date`, cycles) throws a {@link CanonicalJsonError} rather
 * than being dropped or coerced, since a silent change would alter the hash of the event.
 */
export const canonicalize = (value: unknown): string => writeFast(value, 0) ?? serialize(value, [], new Set());

/**
 * Past this depth the fast writer hands over to the careful one, which detects cycles. Stored
 * events nest far less: the API refuses bodies past 32 levels.
 */
const FAST_DEPTH = 64;

/**
 * The hot path of the sealer and verifiers: the same output as {@link serialize} for every value it
 * accepts, without the trail and the ancestor set that only serve to name and catch what is
 * refused. It answers `undefined` for anything else (a value to refuse, or deep nesting), which
 * `canonicalize` then writes, or refuses, with the careful serializer.
 */
const writeFast = (value: unknown, depth: number): string | undefined => {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth === FAST_DEPTH) return undefined;
      return Array.isArray(value) ? writeFastArray(value, depth + 1) : writeFastObject(value, depth + 1);
    default:
      return undefined;
  }
};

const writeFastArray = (items: readonly unknown[], depth: number): string | undefined => {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = writeFast(items[i], depth);
    if (item === undefined) return undefined;
    out += i === 0 ? item : `,${item}`;
  }
  return `${out}]`;
};

const writeFastObject = (object: object, depth: number): string | undefined => {
  if (!isPlainObject(object) || Object.getOwnPropertySymbols(object).length > 0) return undefined;
  const keys = sortedKeys(object);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const name = quoteKey(keys[i]);
    const member = name === undefined ? undefined : writeFast((object as Record<string, unknown>)[keys[i]], depth);
    if (member === undefined) return undefined;
    out += `${i === 0 ? '' : ','}${name}:${member}`;
  }
  return `${out}}`;
};

/** Member names already quoted. Events repeat a small vocabulary of names; the bound keeps odd data from growing it. */
const QUOTED_KEYS = new Map<string, string>();
const QUOTED_KEYS_MAX = 4096;

const quoteKey = (key: string): string | undefined => {
  const cached = QUOTED_KEYS.get(key);
  if (cached !== undefined) return cached;
  const quoted = quote(key);
  if (quoted !== undefined && QUOTED_KEYS.size < QUOTED_KEYS_MAX) QUOTED_KEYS.set(key, quoted);
  return quoted;
};

/**
 * Own enumerable keys in UTF-16 code unit order (RFC 8785 §3.2.3), as `Object.keys(o).sort()`.
 * Objects of events have a handful of keys, where an insertion sort with `>` (which compares code
 * units too) costs a fraction of the generic sort.
 */
const sortedKeys = (object: object): string[] => {
  const keys = Object.keys(object);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
};

/**
 * Keys and indexes from the root to the value being written. The JSON path of an error is built
 * from it only when one is thrown: building it for every member cost a third of the hashing rate.
 */
type Trail = (string | number)[];

const pathOf = (trail: Trail): string =>
  trail.reduce<string>((path, step) => (typeof step === 'number' ? `${path}[${step}]` : memberPath(path, step)), '$');

const refuse = (trail: Trail, reason: string): CanonicalJsonError => new CanonicalJsonError(pathOf(trail), reason);

const serialize = (value: unknown, trail: Trail, ancestors: Set<object>): string => {
  switch (typeof value) {
    case 'string':
      return quoteOrRefuse(value, trail);
    case 'number':
      return formatNumber(value, trail);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, trail, ancestors);
    default:
      throw refuse(trail, `${typeof value} is not a JSON value`);
  }
};

const serializeContainer = (value: object, trail: Trail, ancestors: Set<object>): string => {
  if (ancestors.has(value)) throw refuse(trail, 'circular reference');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return serializeArray(value, trail, ancestors);
    if (!isPlainObject(value)) {
      throw refuse(trail, `${value.constructor?.name ?? 'object'} is not a plain JSON object`);
    }
    return serializeObject(value as Record<string, unknown>, trail, ancestors);
  } finally {
    ancestors.delete(value);
  }
};

const serializeArray = (items: readonly unknown[], trail: Trail, ancestors: Set<object>): string => {
  let out = '[';
  // An index loop, not map(): map skips holes, which would hide an undefined element.
  for (let i = 0; i < items.length; i++) {
    trail.push(i);
    out += (i === 0 ? '' : ',') + serialize(items[i], trail, ancestors);
    trail.pop();
  }
  return `${out}]`;
};

const serializeObject = (object: Record<string, unknown>, trail: Trail, ancestors: Set<object>): string => {
  if (Object.getOwnPropertySymbols(object).length > 0) throw refuse(trail, 'symbol keys are not JSON');
  // The default sort compares UTF-16 code units, which is exactly the order RFC 8785 §3.2.3 asks for.
  const keys = Object.keys(object).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const name = quoteOrRefuse(key, trail);
    trail.push(key);
    out += `${i === 0 ? '' : ','}${name}:${serialize(object[key], trail, ancestors)}`;
    trail.pop();
  }
  return `${out}}`;
};

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const memberPath = (path: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

const formatNumber = (value: number, trail: Trail): string => {
  if (!Number.isFinite(value)) throw refuse(trail, `${value} is not a JSON number`);
  // ECMAScript Number::toString is the number format RFC 8785 §3.2.2.3 adopts (and -0 gives "0").
  return String(value);
};

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

// Characters that are escaped (`"`, `\`, C0 controls) or checked (surrogates) by quote().
// eslint-disable-next-line no-control-regex -- C0 controls are exactly what must be found here
const NEEDS_CARE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * RFC 8785 §3.2.2.2: escape only `"`, `\` and C0 controls; every other character is written as is.
 * `undefined` for a string with a lone surrogate, which has no UTF-8 encoding: Buffer.from would
 * turn it into U+FFFD, silently.
 */
const quote = (text: string): string | undefined => {
  // Most strings need no escape and no surrogate check: one scan by the regex engine instead of a loop.
  if (!NEEDS_CARE.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      if (!isPairAt(text, i)) return undefined;
      out += text[i] + text[i + 1];
      i++;
    } else if (SHORT_ESCAPES[unit] !== undefined) {
      out += SHORT_ESCAPES[unit];
    } else if (unit < 0x20) {
      out += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else {
      out += text[i];
    }
  }
  return `${out}"`;
};

/** Whether a surrogate pair starts at `i`. */
const isPairAt = (text: string, i: number): boolean => {
  const unit = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  return unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
};

const quoteOrRefuse = (text: string, trail: Trail): string => {
  const quoted = quote(text);
  if (quoted !== undefined) return quoted;
  let i = 0;
  while (!isLoneSurrogateAt(text, i)) i += isPairAt(text, i) ? 2 : 1;
  throw refuse(trail, `lone surrogate U+${text.charCodeAt(i).toString(16).toUpperCase()} in string`);
};

const isLoneSurrogateAt = (text: string, i: number): boolean => {
  const unit = text.charCodeAt(i);
  return unit >= 0xd800 && unit <= 0xdfff && !isPairAt(text, i);
};
