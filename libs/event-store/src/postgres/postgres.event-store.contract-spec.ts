import {
  describeWithPostgres,
  dropTestSchema,
  lockOpenTransactionTests,
  postgresTestUrl,
  testSchemaName,
} from '../../../../test/support/postgres';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres.event-store';

describeWithPostgres('postgres contract suite', () => {
  const schema = testSchemaName();
  // Held for the whole file: the race spec must not hold a transaction open while this suite expects
  // its appends to be readable at once.
  let unlock: (() => Promise<void>) | undefined;

  describeEventStoreContract('postgres', () => ({
    openStore: async (options) => {
      unlock ??= await lockOpenTransactionTests('shared');
      return PostgresEventStore.open({ connectionString: postgresTestUrl, schema, upcasters: options?.upcasters, pollIntervalMs: 10 });
    },
    openAnotherStore: async () => PostgresEventStore.open({ connectionString: postgresTestUrl, schema, pollIntervalMs: 10 }),
    dispose: async () => {
      await dropTestSchema(schema);
      await unlock?.();
    },
  }));
});
