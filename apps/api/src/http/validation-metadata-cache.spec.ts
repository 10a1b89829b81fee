import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, validate } from 'class-validator';
import { AppModule } from '../app.module';
import { cacheValidationMetadata, type DecoratedClass } from './validation-metadata-cache';

// Every request DTO of the app registers its rules on import, as in the server.
void AppModule;

type Storage = {
  validationMetadatas: Map<DecoratedClass, unknown[]>;
  getTargetValidationMetadatas(target: DecoratedClass, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): { propertyName: string; name?: string; type: string }[];
  groupByPropertyName(metadata: unknown[]): Record<string, unknown[]>;
};
const storage = getMetadataStorage() as unknown as Storage;

/** What class-validator applies to an object of `target`: each property's rules, by kind and name. */
const rulesOf = (target: DecoratedClass) =>
  Object.fromEntries(
    Object.entries(storage.groupByPropertyName(storage.getTargetValidationMetadatas(target, '', false, false))).map(([property, rules]) => [
      property,
      (rules as { type: string; name?: string }[]).map((r) => `${r.type}:${r.name ?? ''}`).sort(),
    ]),
  );

const failing = async (type: new () => object, body: object): Promise<string[]> =>
  (await validate(plainToInstance(type, body), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true })).map((e) => e.property).sort();

describe('cacheValidationMetadata', () => {
  const targets = [...storage.validationMetadatas.keys()];
  const uncached = new Map(targets.map((target) => [target, rulesOf(target)]));

  beforeAll(() => cacheValidationMetadata());

  it('finds for every request class of the app the rules class-validator finds without it, the first time and from the cache', () => {
    expect(targets.length).toBeGreaterThan(20);
    for (const target of targets) {
      expect({ target: target.name, rules: rulesOf(target) }).toEqual({ target: target.name, rules: uncached.get(target) });
      expect({ target: target.name, rules: rulesOf(target) }).toEqual({ target: target.name, rules: uncached.get(target) });
    }
  });

  it('applies a rule a decorator adds after a class was validated', async () => {
    class Later {
      @IsString() name!: string;
    }
    expect(await failing(Later, { name: 'x', count: 1 })).toEqual(['count']);
    IsInt()(Later.prototype, 'count');
    expect(await failing(Later, { name: 'x', count: 1 })).toEqual([]);
    expect(await failing(Later, { name: 'x', count: 'one' })).toEqual(['count']);
  });

  it('keeps the rules a class inherits', async () => {
    class Base {
      @IsString() name!: string;
    }
    class Child extends Base {
      @IsInt() count!: number;
    }
    expect(await failing(Base, { name: 'x' })).toEqual([]);
    expect(await failing(Child, { name: 1, count: 'one' })).toEqual(['count', 'name']);
  });

  it('still honours validation groups, which it does not cache', async () => {
    class Grouped {
      @IsInt({ groups: ['strict'] }) count!: unknown;
    }
    const instance = plainToInstance(Grouped, { count: 'one' });
    const failingIn = async (group: string) => (await validate(instance, { groups: [group], forbidUnknownValues: false })).map((e) => e.property);
    expect(await failingIn('strict')).toEqual(['count']);
    expect(await failingIn('lenient')).toEqual([]);
    expect(await failingIn('strict')).toEqual(['count']);
  });
});
