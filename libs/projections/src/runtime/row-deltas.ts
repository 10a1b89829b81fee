/**
 * A system-versioned row's document, stored version by version as what changed: each top-level
 * member's JSON, kept so that the next version serializes only the members `evolve` replaced.
 * `keys` is `undefined` for a document that is not a plain object (it is then one text, whole).
 */
export interface MemberTexts {
  readonly keys: readonly string[] | undefined;
  readonly texts: readonly string[];
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
};

const memberText = (key: string, value: unknown): string | undefined => {
  const wrapped = JSON.stringify({ [key]: value });
  return wrapped === '{}' ? undefined : wrapped.slice(JSON.stringify(key).length + 2, -1);
};

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * The JSON of each member of `doc`, copied from `previous` for the members holding the very same
 * value (rows are values: `evolve` never modifies the row it is given). Members JSON leaves out
 * (undefined, functions) are left out here too.
 */
export const memberTextsOf = (doc: unknown, previous?: { readonly doc: unknown; readonly texts: MemberTexts }): MemberTexts => {
  if (!isPlainRecord(doc)) return { keys: undefined, texts: [JSON.stringify(doc) ?? 'null'] };
  const keys = Object.keys(doc);
  const before = previous !== undefined && isPlainRecord(previous.doc) ? previous.doc : undefined;
  const old = previous?.texts;
  const aligned = before !== undefined && old?.keys !== undefined && sameKeys(keys, old.keys);
  const emitted: string[] = [];
  const texts: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = doc[key];
    let text: string | undefined;
    if (before !== undefined && before[key] === value) {
      const at = aligned ? i : old!.keys!.indexOf(key);
      if (at >= 0) text = old!.texts[at];
    }
    // A `toJSON` receives the member's name: serialized as a member.
    text ??= typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function' ? memberText(key, value) : JSON.stringify(value);
    if (text === undefined) continue;
    emitted.push(key);
    texts.push(text);
  }
  return { keys: aligned && emitted.length === keys.length ? old!.keys : emitted, texts };
};

const objectText = (keys: readonly string[], texts: readonly string[]): string => {
  const parts: string[] = [];
  for (let i = 0; i < keys.length; i++) parts.push(`${JSON.stringify(keys[i])}:${texts[i]}`);
  return `{${parts.join(',')}}`;
};

/** The JSON of the whole document. */
export const documentTextOf = (texts: MemberTexts): string => (texts.keys === undefined ? texts.texts[0] : objectText(texts.keys, texts.texts));

/**
 * What a version stores instead of its whole document: `{"doc": …}` for the first version of a row
 * (or one that cannot be split into members), else `{"set": {…}, "unset": […]}`, the members that
 * differ from the version before. `undefined` when nothing differs: no new version.
 */
export const deltaOf = (next: MemberTexts, previous?: MemberTexts): string | undefined => {
  if (next.keys === undefined || previous?.keys === undefined) {
    const text = documentTextOf(next);
    if (previous !== undefined && previous.keys === undefined && next.keys === undefined && previous.texts[0] === text) return undefined;
    return `{"doc":${text}}`;
  }
  const setKeys: string[] = [];
  const setTexts: string[] = [];
  const aligned = next.keys === previous.keys || sameKeys(next.keys, previous.keys);
  for (let i = 0; i < next.keys.length; i++) {
    const at = aligned ? i : previous.keys.indexOf(next.keys[i]);
    if (at >= 0 && previous.texts[at] === next.texts[i]) continue;
    setKeys.push(next.keys[i]);
    setTexts.push(next.texts[i]);
  }
  const unset = aligned ? [] : previous.keys.filter((key) => !next.keys!.includes(key));
  if (setKeys.length === 0 && unset.length === 0) return undefined;
  return `{"set":${objectText(setKeys, setTexts)}${unset.length > 0 ? `,"unset":${JSON.stringify(unset)}` : ''}}`;
};

/** The document of a row's version from the deltas of its versions up to it, oldest first. */
export const documentOfDeltas = (deltas: Iterable<string>): unknown => {
  let doc: unknown;
  for (const text of deltas) {
    const delta = JSON.parse(text) as { doc?: unknown; set?: Record<string, unknown>; unset?: string[] };
    if ('doc' in delta) {
      doc = delta.doc;
      continue;
    }
    const next: Record<string, unknown> = { ...(doc as Record<string, unknown>), ...delta.set };
    for (const key of delta.unset ?? []) delete next[key];
    doc = next;
  }
  return doc;
};
