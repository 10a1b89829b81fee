import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadStoreContract } from '../testing/read-store.contract';
import { SqliteReadStore } from './sqlite.read-store';

const dir = mkdtempSync(join(tmpdir(), 'ml-read-store-contract-'));
const path = join(dir, 'read-models.db');

describeReadStoreContract('sqlite', () => ({
  openStore: async () => SqliteReadStore.open({ path }),
  openAnotherStore: async () => SqliteReadStore.open({ path }),
  dispose: async () => rmSync(dir, { recursive: true, force: true }),
}));
