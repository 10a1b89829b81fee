import { latestShapeOf } from '@mandate-ledger/application';
import type { EventStore, StoredEvent } from '@mandate-ledger/event-store';
import { APPLICATION_PROJECTIONS, type Projection, type ReadStore, rebuildProjection } from '@mandate-ledger/projections';
import { dumpLiveRows } from '../../libs/projections/src/testing/read-store.contract';

/** The live tables of `projection` in both stores, compared row by row: the first differing row is named. */
export const expectSameRows = async (actual: ReadStore, expected: ReadStore, projection: Projection<unknown>): Promise<void> => {
  const [a, b] = [await dumpLiveRows(actual, projection), await dumpLiveRows(expected, projection)];
  expect(Object.keys(a)).toEqual(Object.keys(b));
  for (const table of Object.keys(b)) {
    const name = `${projection.name}${table === '' ? '' : `.${table}`}`;
    expect({ table: name, rows: a[table].length }).toEqual({ table: name, rows: b[table].length });
    for (let i = 0; i < b[table].length; i++) {
      const [x, y] = [JSON.stringify(a[table][i]), JSON.stringify(b[table][i])];
      if (x !== y) expect({ table: name, row: i, value: x }).toEqual({ table: name, row: i, value: y });
    }
  }
};

/** Every event of the log, in order. */
export const wholeLog = async (store: EventStore): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  for (let batch = await store.readAll(); batch.length > 0; batch = await store.readAll({ after: batch.at(-1)!.position })) events.push(...batch);
  return events;
};

/** Resolves once every application projection's live generation has applied the head of the log. */
export const readModelsAtHead = async (events: EventStore, live: ReadStore, timeoutMs = 30_000): Promise<void> => {
  const head = await events.headPosition();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const generations = await Promise.all(APPLICATION_PROJECTIONS.map((p) => live.activeGeneration(p.name)));
    if (generations.every((g) => g?.state === 'live' && g.checkpoint === head)) return;
    if (Date.now() > deadline) throw new Error(`read models not at ${head}: ${JSON.stringify(generations.map((g) => [g?.name, g?.state, g?.checkpoint?.toString()]))}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Rebuilds every application projection from the log (`events`: as stored) into `fresh`, as the API's projectors do, then compares each with `live`, row by row. */
export const expectReadModelsOfACleanRebuild = async (events: EventStore, live: ReadStore, fresh: ReadStore): Promise<void> => {
  await readModelsAtHead(events, live);
  for (const projection of APPLICATION_PROJECTIONS) {
    const { outcome } = await rebuildProjection(events, fresh, projection, { upcast: latestShapeOf });
    expect({ projection: projection.name, outcome }).toEqual({ projection: projection.name, outcome: 'caught_up' });
    await expectSameRows(live, fresh, projection);
  }
};
