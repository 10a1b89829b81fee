import type { EventStore } from '@mandate-ledger/event-store';
import type { ReadStore } from '../read-store/read-store.port';
import { mandatesBoardProjection } from './mandates-board.projection';
import { boardMandateIdsOfOperator } from './mandates-board.query';

/** Scans the global log for the grants to an operator, from `after` (exclusive) to its head: the mandate ids. */
export const operatorGrantsInLog = async (store: EventStore, operatorId: string, after?: bigint): Promise<string[]> => {
  const ids: string[] = [];
  for (let position = after; ; ) {
    const batch = await store.readAll({ after: position, maxCount: 1000 });
    if (batch.length === 0) return ids;
    for (const event of batch) {
      if (event.type === 'MandateGranted' && (event.data as { operatorId?: unknown }).operatorId === operatorId) ids.push(event.stream.slice('mandate-'.length));
    }
    position = batch[batch.length - 1].position;
  }
};

/**
 * The operator's mandates as the log holds them now: those the board has applied, and the grants
 * the log holds past the board's checkpoint (read first, so that nothing falls between the two).
 * Without a live board, the whole log is scanned.
 */
export const operatorMandatesFromBoard =
  (readStore: ReadStore) =>
  async (operatorId: string, store: EventStore): Promise<string[]> => {
    const live = await readStore.activeGeneration(mandatesBoardProjection.name);
    if (live === undefined || live.state === 'failed') return operatorGrantsInLog(store, operatorId);
    const onBoard = (await boardMandateIdsOfOperator(readStore, operatorId)) ?? [];
    return [...onBoard, ...(await operatorGrantsInLog(store, operatorId, live.checkpoint))];
  };
