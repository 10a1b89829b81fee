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
export const canonicalize = (value: unknown): string => serialize(value, [], new Set());

/** {@link canonicalize} encoded as UTF-8: the exact bytes that get hashed. */
export const canonicalBytes = (value: unknown): Buffer => Buffer.from(canonicalize(value), 'utf8');

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
      return quote(value, trail);
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
    const name = quote(key, trail);
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

/** RFC 8785 §3.2.2.2: escape only `"`, `\` and C0 controls; every other character is written as is. */
const quote = (text: string, trail: Trail): string => {
  // Most strings need no escape and no surrogate check: one scan by the regex engine instead of a loop.
  if (!NEEDS_CARE.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      // A lone surrogate has no UTF-8 encoding: Buffer.from would turn it into U+FFFD, silently.
      const next = text.charCodeAt(i + 1);
      if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
        throw refuse(trail, `lone surrogate U+${unit.toString(16).toUpperCase()} in string`);
      }
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
