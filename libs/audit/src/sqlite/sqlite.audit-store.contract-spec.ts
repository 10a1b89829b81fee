import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { describeAuditStoreContract } from '../testing/audit-store.contract';
import { SqliteAuditStore } from './sqlite.audit-store';

const dir = mkdtempSync(join(tmpdir(), 'ml-sqlite-audit-contract-'));
let files = 0;

describeAuditStoreContract('sqlite', () => ({
  exclusiveSealer: false,
  open: async () => {
    const path = join(dir, `audit-${++files}.db`);
    const events = SqliteEventStore.open({ path });
    const audit = SqliteAuditStore.open(events.database, { guardEvents: true });
    const others: SqliteEventStore[] = [];
    return {
      events,
      audit,
      // Another process: its own connection to the same file.
      openAnotherAudit: async () => {
        const other = SqliteEventStore.open({ path });
        others.push(other);
        return SqliteAuditStore.open(other.database, { guardEvents: true });
      },
      exec: async (sql) => void events.database.exec(sql),
      close: async () => {
        for (const other of others) await other.close();
        await audit.close();
        await events.close();
      },
    };
  },
  dispose: async () => rmSync(dir, { recursive: true, force: true }),
}));
