import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** A class whose properties carry class-validator's decorators. */
export type DecoratedClass = abstract new (...args: never[]) => unknown;

type Grouped = Record<string, ValidationMetadata[]>;

/** The two lookups of class-validator's storage that run for every object it validates, and where a decorator adds a rule. */
interface Lookups {
  getTargetValidationMetadatas(target: DecoratedClass, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): ValidationMetadata[];
  groupByPropertyName(metadata: ValidationMetadata[]): Grouped;
  addValidationMetadata(metadata: ValidationMetadata): void;
}

const INSTALLED = Symbol.for('mandate-ledger.validation-metadata-cache');

/**
 * class-validator looks a class's rules up again for every object it validates: it filters the
 * rules of every decorated class (an `instanceof` per class, for inherited rules), then groups them
 * by property. A grant's body holds a dozen nested objects, so the lookups were more than half of
 * its validation (about 205 µs per body without this cache, 110 with it). The rules change only
 * when a decorator adds one, which empties the cache. Lookups for validation groups (the app uses
 * none) are not cached. Installed once per process, on class-validator's global storage.
 */
export const cacheValidationMetadata = (): void => {
  const storage = getMetadataStorage() as unknown as Lookups & { [INSTALLED]?: true };
  if (storage[INSTALLED]) return;
  storage[INSTALLED] = true;

  let byTarget = new Map<DecoratedClass, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Grouped>();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);

  storage.addValidationMetadata = (metadata) => {
    byTarget = new Map();
    grouped = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups !== undefined && groups.length > 0) return lookUp(target, schema, always, strictGroups, groups);
    const key = `${always}|${strictGroups}|${schema ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
};
