import {
  type GrantedMandate,
  mandateDecider,
  type MandateState,
  mandateStreamName,
  type OtherSubsidy,
  subsidyOf,
} from '@mandate-ledger/domain';
import { type EventStore, foldStream } from '@mandate-ledger/event-store';
import { operatorGrantsInLog } from '@mandate-ledger/projections';

/**
 * The ids of every mandate granted to an operator that the log holds when it is called (it may
 * return more: a mandate of another operator is dropped when its stream is read). The default scans
 * the whole log; the API answers from the board and scans only what the board has not applied yet.
 */
export type OperatorMandatesLookup = (operatorId: string, store: EventStore) => Promise<readonly string[]>;

export const scanLogForOperatorMandates: OperatorMandatesLookup = (operatorId, store) => operatorGrantsInLog(store, operatorId);

/**
 * What the written-agreement rule needs of the operator's other mandates: each stream folded as
 * recorded now (not a read model's copy), so the amounts are those of the latest amendments.
 */
export const readOperatorSubsidies = async (
  store: EventStore,
  lookup: OperatorMandatesLookup,
  operatorId: string,
  exceptMandateId: string,
): Promise<OtherSubsidy[]> => {
  const ids = [...new Set(await lookup(operatorId, store))].filter((id) => id !== exceptMandateId).sort();
  const subsidies: OtherSubsidy[] = [];
  for (const id of ids) {
    const mandate = foldStream<MandateState, Parameters<typeof mandateDecider.evolve>[1]>(mandateDecider, await store.readStream(mandateStreamName(id)));
    if (mandate.status !== 'not_granted' && mandate.operatorId === operatorId) subsidies.push(subsidyOf(mandate as GrantedMandate));
  }
  return subsidies;
};

/**
 * Runs `work` after every earlier call with the same key has settled, one at a time per key, within
 * this process: two decisions on one operator's subsidies never read before the other appended.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await next;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
