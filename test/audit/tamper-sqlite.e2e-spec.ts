import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { SqliteAuditStore } from '../../libs/audit/src/sqlite/sqlite.audit-store';
import { describeTamperDetection, insertRow, type TamperDatabase } from './support/tamper-scenarios';

const dir = mkdtempSync(join(tmpdir(), 'ml-tamper-sqlite-'));
let files = 0;

const GUARDED = ['events', 'audit_leaves', 'audit_nodes', 'audit_seals', 'audit_checkpoints'];

describeTamperDetection('SQLite', () => ({
  open: async (): Promise<TamperDatabase> => {
    const events = SqliteEventStore.open({ path: join(dir, `log-${++files}.db`) });
    const audit = SqliteAuditStore.open(events.database, { guardEvents: true });
    return {
      events,
      audit,
      sql: async (text, params = []) => {
        const statement = events.database.prepare(text);
        return statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []);
      },
      close: async () => {
        await audit.close();
        await events.close();
      },
    };
  },
  dialect: {
    asText: (column) => column,
    dropGuards: GUARDED.flatMap((table) => [`DROP TRIGGER IF EXISTS ${table}_no_update`, `DROP TRIGGER IF EXISTS ${table}_no_delete`]),
    // Positions are dense rowids: the forger moves every later event one place up to make room.
    insertForged: async (db, log, row) => {
      const at = log[120].position;
      await db.sql('UPDATE events SET position = -position WHERE position >= ?', [at]);
      await db.sql('UPDATE events SET position = 1 - position WHERE position < 0');
      await insertRow(db, { ...row, position: at });
      return at;
    },
  },
  dispose: async () => rmSync(dir, { recursive: true, force: true }),
}));
