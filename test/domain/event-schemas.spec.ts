import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN_UPCASTERS, LATEST_SCHEMA_VERSIONS } from '@mandate-ledger/domain';
import { eventShapesOf, type Shape } from './support/event-shapes';

// Every recorded shape, by `Type@schemaVersion`, as the types of libs/domain declare it today and
// as earlier versions declared it (kept: old events of those shapes are still in logs). Changing
// the data of an event type without bumping its schemaVersion fails here. To record a new version:
// bump it, add its upcaster, run this file with UPDATE_EVENT_SCHEMAS=1 and check the diff in.

const root = join(__dirname, '..', '..');
const file = join(__dirname, 'event-schemas.json');
const recorded = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Shape>;
const current = eventShapesOf(root);
const keyOf = (type: string, schemaVersion: number) => `${type}@${schemaVersion}`;

if (process.env.UPDATE_EVENT_SCHEMAS === '1') {
  const next = { ...recorded, ...Object.fromEntries(current.map(({ type, schemaVersion, data }) => [keyOf(type, schemaVersion), data])) };
  const order = (key: string) => [key.split('@')[0], Number(key.split('@')[1])] as const;
  const keys = Object.keys(next).sort((a, b) => order(a)[0].localeCompare(order(b)[0]) || order(a)[1] - order(b)[1]);
  writeFileSync(file, `${JSON.stringify(Object.fromEntries(keys.map((key) => [key, next[key]])), null, 2)}\n`);
}

describe('the recorded shapes of domain events', () => {
  it('knows every event type of the domain, at the version the domain writes', () =>
    expect(Object.fromEntries(current.map(({ type, schemaVersion }) => [type, schemaVersion]))).toEqual(LATEST_SCHEMA_VERSIONS));

  it.each(current.map((event) => [keyOf(event.type, event.schemaVersion), event] as const))(
    'keeps the shape of %s as recorded: a change needs a new schemaVersion and an upcaster',
    (key, { data }) => {
      expect(recorded[key]).toBeDefined();
      expect(data).toEqual(recorded[key]);
    },
  );

  it('keeps the shape of every earlier version, each lifted by exactly one upcaster to the next', () => {
    for (const [type, latest] of Object.entries(LATEST_SCHEMA_VERSIONS)) {
      for (let version = 1; version < latest; version++) {
        expect([keyOf(type, version), recorded[keyOf(type, version)] !== undefined]).toEqual([keyOf(type, version), true]);
        expect([keyOf(type, version), DOMAIN_UPCASTERS.filter((u) => u.type === type && u.fromSchemaVersion === version).length]).toEqual([keyOf(type, version), 1]);
      }
    }
    const known = new Set(Object.entries(LATEST_SCHEMA_VERSIONS).flatMap(([type, latest]) => Array.from({ length: latest }, (_, i) => keyOf(type, i + 1))));
    expect(Object.keys(recorded).filter((key) => !known.has(key))).toEqual([]);
  });
});
