import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite.event-store';

const dir = mkdtempSync(join(tmpdir(), 'ml-sqlite-contract-'));
const path = join(dir, 'events.db');

describeEventStoreContract('sqlite', () => ({
  openStore: async (options) => SqliteEventStore.open({ path, upcasters: options?.upcasters, pollIntervalMs: 10 }),
  openAnotherStore: async () => SqliteEventStore.open({ path, pollIntervalMs: 10 }),
  dispose: async () => rmSync(dir, { recursive: true, force: true }),
}));
