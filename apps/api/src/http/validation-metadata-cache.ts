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
 * class-validator looks a class's rules up again for every object it validates, scanning every
 * decorated class (a grant body holds a dozen nested objects): this caches them per class. A
 * decorator adding a rule empties the cache; lookups with groups (the app has none) are not cached.
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
