import { describeWithPostgres, dropTestSchema, postgresTestUrl, testSchemaName } from '../../../../test/support/postgres';
import { describeReadStoreContract } from '../testing/read-store.contract';
import { PostgresReadStore } from './postgres.read-store';

describeWithPostgres('postgres read store contract suite', () => {
  const schema = testSchemaName();
  describeReadStoreContract('postgres', () => ({
    openStore: async () => PostgresReadStore.open({ connectionString: postgresTestUrl, schema, poolSize: 4 }),
    openAnotherStore: async () => PostgresReadStore.open({ connectionString: postgresTestUrl, schema, poolSize: 2 }),
    dispose: () => dropTestSchema(schema),
  }));
});
