import { randomUUID } from 'node:crypto';
import { createEventStore, eventStoreConfigFrom, uuidv7 } from '@mandate-ledger/event-store';

/**
 * Child process for the durability test: appends one event at a time to its stream and prints
 * `ack <id>` only after the store acknowledged it. The parent kills it with SIGKILL mid-flight.
 */
const main = async () => {
  const stream = process.argv[2];
  const store = await createEventStore(eventStoreConfigFrom(process.env));
  for (let revision = 0n; ; revision++) {
    const id = uuidv7();
    await store.appendToStream(
      stream,
      [{ id, type: 'ThingHappened', schemaVersion: 1, data: { revision: Number(revision) }, metadata: { actor: { sub: 'child', role: 'admin' }, correlationId: randomUUID() } }],
      revision === 0n ? 'no_stream' : revision - 1n,
    );
    process.stdout.write(`ack ${id}\n`);
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
