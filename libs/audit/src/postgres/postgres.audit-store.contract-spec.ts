import { Client } from 'pg';
import { PostgresEventStore } from '@mandate-ledger/event-store/postgres/postgres.event-store';
import { describeWithPostgres, dropTestSchema, lockOpenTransactionTests, postgresTestUrl, testSchemaName } from '../../../../test/support/postgres';
import { describeAuditStoreContract } from '../testing/audit-store.contract';
import { PostgresAuditStore } from './postgres.audit-store';

describeWithPostgres('postgres audit store contract', () => {
  // Each test needs an empty tree, and the tables refuse DELETE and TRUNCATE: one schema per test,
  // all named after this file's, all dropped at the end.
  const base = testSchemaName();
  const schemas: string[] = [];
  let unlock: (() => Promise<void>) | undefined;

  describeAuditStoreContract('postgres', () => ({
    exclusiveSealer: true,
    open: async () => {
      unlock ??= await lockOpenTransactionTests('shared');
      const schema = `${base}_${schemas.length + 1}`;
      schemas.push(schema);
      const events = await PostgresEventStore.open({ connectionString: postgresTestUrl, schema, pollIntervalMs: 10 });
      const audit = await PostgresAuditStore.open({ connectionString: postgresTestUrl, schema, guardEvents: true });
      const others: PostgresAuditStore[] = [];
      return {
        events,
        audit,
        openAnotherAudit: async () => {
          const other = await PostgresAuditStore.open({ connectionString: postgresTestUrl, schema, guardEvents: true });
          others.push(other);
          return other;
        },
        exec: async (sql) => {
          const client = new Client({ connectionString: postgresTestUrl });
          await client.connect();
          try {
            await client.query(`SET search_path TO ${schema}`);
            await client.query(sql);
          } finally {
            await client.end();
          }
        },
        close: async () => {
          for (const other of others) await other.close();
          await audit.close();
          await events.close();
        },
      };
    },
    dispose: async () => {
      for (const schema of schemas) await dropTestSchema(schema);
      await unlock?.();
    },
  }));
});
