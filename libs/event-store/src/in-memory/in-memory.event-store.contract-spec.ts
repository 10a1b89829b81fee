import { describeEventStoreContract } from '../testing/event-store.contract';
import { InMemoryEventStore } from './in-memory.event-store';

let shared: InMemoryEventStore | undefined;

describeEventStoreContract('in-memory', () => ({
  openStore: async (options) => {
    shared ??= new InMemoryEventStore();
    return shared.sharing(options);
  },
  openAnotherStore: async () => (shared ??= new InMemoryEventStore()).sharing(),
}));
