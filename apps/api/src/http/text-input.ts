import type { FieldError } from './problem';

// What a reader does not see: white space, format characters (zero-width space and joiners, word
// joiner, byte order mark, soft hyphen, …), other default-ignorable code points (Hangul fillers,
// variation selectors) and control characters. A text made only of these looks empty.
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Zs}\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;

// Bidirectional controls make a text display in another order than it is stored (CVE-2021-42574):
// a recorded decision must read as it was written.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

const codePoints = (found: readonly string[]): string =>
  [...new Set(found)].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');

/** Why a text of a request is refused, or undefined when it is acceptable. */
export const textProblem = (field: string, text: string): string | undefined => {
  const bidi = text.match(BIDI_CONTROLS);
  if (bidi) return `${field} must not contain bidirectional control characters (${codePoints(bidi)})`;
  if (text.replace(INVISIBLE, '') === '') return `${field} must contain visible characters, not only spaces or invisible ones`;
  return undefined;
};

/**
 * Every string of a parsed JSON body in Unicode NFC (one way to write `é`, so that equal texts are
 * equal bytes in the log), as a copy, with the fields whose text is refused: empty once invisible
 * characters are left out, or holding bidirectional controls. Applies to every member at any depth,
 * so that no request class has to opt in.
 */
export const normalizedText = (body: unknown): { body: unknown; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const text = value.normalize('NFC');
      const problem = textProblem(path, text);
      if (problem) errors.push({ field: path, messages: [problem] });
      return text;
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, path ? `${path}.${index}` : String(index)));
    if (typeof value !== 'object' || value === null) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      // Defined rather than assigned: a member named `__proto__` stays a member (and is refused as unknown).
      Object.defineProperty(copy, key, { value: walk(member, path ? `${path}.${key}` : key), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  };
  return { body: walk(body, ''), errors };
};
