/** Where each top-level member's value lies in a row's JSON: `spans[2i]`..`spans[2i + 1]` for `keys[i]`. */
export interface JsonMembers {
  readonly keys: readonly string[];
  readonly spans: readonly number[];
}

export interface RowJson {
  readonly json: string;
  /** Absent when the row is not a plain object (its JSON is then written whole every time). */
  readonly members?: JsonMembers;
}

interface Serialized {
  readonly doc: unknown;
  readonly json: string;
  readonly members?: JsonMembers;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

const hasToJson = (value: unknown): boolean => typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';

/**
 * Member by member, recording where each value lies, copying the text of the members `previous`
 * held with the very same value; `undefined` if a member has a `toJSON` (it receives the member's name).
 */
const serializeMembers = (doc: Record<string, unknown>, keys: readonly string[], previous?: Serialized): RowJson | undefined => {
  const old = previous?.members;
  const before = previous?.doc as Record<string, unknown> | undefined;
  const parts: string[] = ['{'];
  const emitted: string[] = [];
  const spans: number[] = [];
  let length = 1;
  let cursor = 0;
  for (const key of keys) {
    const value = doc[key];
    let text: string | undefined;
    if (old !== undefined && before !== undefined && before[key] === value) {
      // Members mostly keep their order: look where the last one was found first.
      const at = old.keys[cursor] === key ? cursor : old.keys.indexOf(key);
      if (at >= 0) {
        text = previous!.json.slice(old.spans[2 * at], old.spans[2 * at + 1]);
        cursor = at + 1;
      }
    }
    if (text === undefined) {
      if (hasToJson(value)) return undefined;
      text = JSON.stringify(value);
      // Left out, as JSON.stringify leaves out undefined, functions and symbols.
      if (text === undefined) continue;
    }
    const name = `${emitted.length > 0 ? ',' : ''}${JSON.stringify(key)}:`;
    parts.push(name, text);
    length += name.length;
    spans.push(length, length + text.length);
    length += text.length;
    emitted.push(key);
  }
  parts.push('}');
  return { json: parts.join(''), members: { keys: emitted, spans } };
};

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * `JSON.stringify(doc)`, the same text, reusing the previous version's: rows are values (`evolve`
 * never modifies the row it is given), so a top-level member holding the very same value as in
 * `previous` has the same JSON. Most events replace one or two members of a row; only those are
 * serialized, the rest of the text is copied.
 */
export const rowJsonOf = (doc: unknown, previous?: Serialized): RowJson => {
  if (!isPlainRecord(doc) || hasToJson(doc)) return { json: JSON.stringify(doc) };
  const keys = Object.keys(doc);
  const old = previous?.members;
  const before = previous?.doc as Record<string, unknown> | undefined;
  if (old === undefined || before === undefined || !sameKeys(keys, old.keys)) return serializeMembers(doc, keys, previous) ?? { json: JSON.stringify(doc) };
  const json = previous!.json;
  const parts: string[] = [];
  const spans = old.spans.slice();
  let copiedUpTo = 0;
  let shift = 0;
  for (let i = 0; i < keys.length; i++) {
    const start = old.spans[2 * i];
    const end = old.spans[2 * i + 1];
    spans[2 * i] = start + shift;
    const value = doc[keys[i]];
    if (value === before[keys[i]]) {
      spans[2 * i + 1] = end + shift;
      continue;
    }
    const text = hasToJson(value) ? undefined : JSON.stringify(value);
    // A member that appears, disappears or has a toJSON: written member by member.
    if (text === undefined) return serializeMembers(doc, keys, previous) ?? { json: JSON.stringify(doc) };
    parts.push(json.slice(copiedUpTo, start), text);
    copiedUpTo = end;
    shift += text.length - (end - start);
    spans[2 * i + 1] = start + shift + (end - start);
  }
  if (parts.length === 0) return { json, members: old };
  parts.push(json.slice(copiedUpTo));
  // One flat string (join copies the parts), which does not hold on to the previous version's text.
  return { json: parts.join(''), members: { keys: old.keys, spans } };
};
