import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mandatesBoardProjection, type Projection, queryMandatesBoard, rebuildProjection } from '@mandate-ledger/projections';
import { granted, reinstated, suspended } from '../../libs/domain/src/testing/mandate.fixtures';
import { SqliteReadStore } from '../../libs/projections/src/read-store/sqlite.read-store';
import { FixedLog } from '../../libs/projections/src/testing/fixed-log';
import { storedEvents } from '../../libs/projections/src/testing/projection-specification';

// The worked example of docs/time-travel.md, as written there.

describe('what the record said on 1 March about what was in effect on 15 February', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-time-travel-'));
  const store = SqliteReadStore.open({ path: join(dir, 'read.db') });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stream = 'mandate-m-water';
  const water = granted({
    mandateId: 'm-water',
    missions: [{ type: 'WATER_ACCESS', indicators: [] }],
    territory: { departement: '62', communes: ['62193'] },
    period: { start: '2017-07-27', end: '2018-06-30' },
  });

  beforeAll(async () => {
    const log = new FixedLog(
      storedEvents([
        { stream, ...water, recordedAt: '2017-07-27T09:12:00.000Z' },
        { stream, ...suspended({ mandateId: 'm-water', effectiveFrom: '2018-02-10' }), recordedAt: '2018-03-05T14:03:27.481Z' },
        { stream, ...reinstated({ mandateId: 'm-water', effectiveFrom: '2018-03-19' }), recordedAt: '2018-03-20T10:00:00.000Z' },
      ]),
    );
    await rebuildProjection(log, store, mandatesBoardProjection as Projection<unknown>);
  });

  const status = async (on: string, asKnownAt?: string) => {
    const page = await queryMandatesBoard(store, { on, asKnownAt, commune: '62193', page: 1, pageSize: 50 });
    return page!.items.map((item) => item.status);
  };

  it('answers each corner of the question as the document says', async () => {
    expect(await status('2018-02-15', '2018-03-01T00:00:00.000Z')).toEqual(['active']);
    expect(await status('2018-02-15')).toEqual(['suspended']);
    expect(await status('2018-03-10', '2018-03-10T00:00:00.000Z')).toEqual(['suspended']);
    expect(await status('2018-03-25')).toEqual(['active']);
  });

  it('includes an event recorded at the very instant asked, and knows nothing before the grant', async () => {
    expect(await status('2018-02-15', '2018-03-05T14:03:27.481Z')).toEqual(['suspended']);
    expect(await status('2018-02-15', '2018-03-05T14:03:27.480Z')).toEqual(['active']);
    expect(await status('2017-08-01', '2017-07-27T09:11:59.999Z')).toEqual([]);
  });
});
