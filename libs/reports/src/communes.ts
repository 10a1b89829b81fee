import { readFileSync } from 'node:fs';

// INSEE code → name, from the administrative map Etalab publishes (@etalab/decoupage-administratif):
// current communes first, then delegated and associated ones (a code that a merger retired).

interface CommuneRecord {
  readonly code: string;
  readonly nom: string;
  readonly type: string;
}

let names: ReadonlyMap<string, string> | undefined;

const load = (): ReadonlyMap<string, string> => {
  // The package's index reads its files relative to the working folder: the JSON is read directly.
  const records = JSON.parse(readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8')) as CommuneRecord[];
  const byCode = new Map<string, string>();
  for (const type of ['commune-actuelle', 'commune-deleguee', 'commune-associee']) {
    for (const record of records) if (record.type === type && !byCode.has(record.code)) byCode.set(record.code, record.nom);
  }
  return byCode;
};

/** The commune's name (`62193` → `Calais`), undefined for a code the map does not know. Loaded once, on first use. */
export const communeName = (code: string): string | undefined => (names ??= load()).get(code);

/** `Calais (62193)`, or the code alone when unknown. */
export const communeLabel = (code: string): string => {
  const name = communeName(code);
  return name === undefined ? code : `${name} (${code})`;
};
