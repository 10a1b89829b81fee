import { createEventStore, eventStoreConfigFrom } from '@mandate-ledger/event-store';

/** Prints where the log lives and how far it goes; exits non-zero if the store cannot be opened. */
export const runStatus = async (): Promise<number> => {
  const config = eventStoreConfigFrom(process.env);
  const store = await createEventStore(config);
  try {
    const head = await store.headPosition();
    const where = config.kind === 'sqlite' ? config.sqlitePath : config.kind === 'postgres' ? `schema ${config.databaseSchema}` : 'EventStoreDB';
    console.log(`event store: ${config.kind} (${where})`);
    console.log(`head position: ${head ?? 'empty log'}`);
    return 0;
  } finally {
    await store.close();
  }
};
