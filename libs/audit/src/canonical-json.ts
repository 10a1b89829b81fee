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
export const canonicalize = (value: unknown): string => serialize(value, '$', new Set());

/** {@link canonicalize} encoded as UTF-8: the exact bytes that get hashed. */
export const canonicalBytes = (value: unknown): Buffer => Buffer.from(canonicalize(value), 'utf8');

const serialize = (value: unknown, path: string, ancestors: Set<object>): string => {
  switch (typeof value) {
    case 'string':
      return quote(value, path);
    case 'number':
      return formatNumber(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, path, ancestors);
    default:
      throw new CanonicalJsonError(path, `${typeof value} is not a JSON value`);
  }
};

const serializeContainer = (value: object, path: string, ancestors: Set<object>): string => {
  if (ancestors.has(value)) throw new CanonicalJsonError(path, 'circular reference');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return serializeArray(value, path, ancestors);
    if (!isPlainObject(value)) {
      throw new CanonicalJsonError(path, `${value.constructor?.name ?? 'object'} is not a plain JSON object`);
    }
    return serializeObject(value as Record<string, unknown>, path, ancestors);
  } finally {
    ancestors.delete(value);
  }
};

const serializeArray = (items: readonly unknown[], path: string, ancestors: Set<object>): string => {
  const parts: string[] = [];
  // An index loop, not map(): map skips holes, which would hide an undefined element.
  for (let i = 0; i < items.length; i++) parts.push(serialize(items[i], `${path}[${i}]`, ancestors));
  return `[${parts.join(',')}]`;
};

const serializeObject = (object: Record<string, unknown>, path: string, ancestors: Set<object>): string => {
  if (Object.getOwnPropertySymbols(object).length > 0) throw new CanonicalJsonError(path, 'symbol keys are not JSON');
  // The default sort compares UTF-16 code units, which is exactly the order RFC 8785 §3.2.3 asks for.
  const members = Object.keys(object)
    .sort()
    .map((key) => `${quote(key, path)}:${serialize(object[key], memberPath(path, key), ancestors)}`);
  return `{${members.join(',')}}`;
};

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const memberPath = (path: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

const formatNumber = (value: number, path: string): string => {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
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

/** RFC 8785 §3.2.2.2: escape only `"`, `\` and C0 controls; every other character is written as is. */
const quote = (text: string, path: string): string => {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      // A lone surrogate has no UTF-8 encoding: Buffer.from would turn it into U+FFFD, silently.
      const next = text.charCodeAt(i + 1);
      if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
        throw new CanonicalJsonError(path, `lone surrogate U+${unit.toString(16).toUpperCase()} in string`);
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
