import { Client } from 'pg';
import { PostgresEventStore } from '@mandate-ledger/event-store/postgres/postgres.event-store';
import { PostgresAuditStore } from '../../libs/audit/src/postgres/postgres.audit-store';
import { describeWithPostgres, dropTestSchema, lockOpenTransactionTests, postgresTestUrl, testSchemaName } from '../support/postgres';
import { describeTamperDetection, insertRow, type TamperDatabase } from './support/tamper-scenarios';

const GUARDED = ['events', 'audit_leaves', 'audit_nodes', 'audit_seals', 'audit_checkpoints'];

/** `?` placeholders to PostgreSQL's `$1`, `$2`, … */
const numbered = (text: string): string => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

describeWithPostgres('tamper detection on PostgreSQL', () => {
  // Each attack needs a fresh log: one schema per attack, named after this file's, all dropped at the end.
  const base = testSchemaName();
  const schemas: string[] = [];
  let unlock: (() => Promise<void>) | undefined;

  describeTamperDetection('PostgreSQL', () => ({
    open: async (): Promise<TamperDatabase> => {
      unlock ??= await lockOpenTransactionTests('shared');
      const schema = `${base}_${schemas.length + 1}`;
      schemas.push(schema);
      const events = await PostgresEventStore.open({ connectionString: postgresTestUrl, schema });
      const audit = await PostgresAuditStore.open({ connectionString: postgresTestUrl, schema, guardEvents: true });
      const owner = new Client({ connectionString: postgresTestUrl });
      await owner.connect();
      await owner.query(`SET search_path TO ${schema}`);
      return {
        events,
        audit,
        sql: async (text, params = []) => (await owner.query(numbered(text), params)).rows,
        close: async () => {
          await owner.end();
          await audit.close();
          await events.close();
        },
      };
    },
    dialect: {
      asText: (column) => `${column}::text`,
      dropGuards: GUARDED.map((table) => `DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`),
      // Positions are (transaction id << 16) + index in the append: the forger takes the free place
      // just after an append, inside the sealed log, and moves nothing.
      insertForged: async (db, log, row) => {
        const i = log.findIndex((event, k) => k >= 120 && log[k + 1].position > event.position + 1n);
        const at = log[i].position + 1n;
        await insertRow(db, { ...row, position: at });
        return at;
      },
    },
    dispose: async () => {
      for (const schema of schemas) await dropTestSchema(schema);
      await unlock?.();
    },
  }));
});
