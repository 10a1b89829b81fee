import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreConfigFrom } from '@mandate-ledger/event-store';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { ProjectorThread, readStoreConfigFrom } from '@mandate-ledger/projections';
import { SqliteReadStore } from '../../libs/projections/src/read-store/sqlite.read-store';
import { fillMandateLog } from './support/mandate-log';

describe('the projector thread', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ml-projector-thread-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the projections it is given, on its own connections, and tells of each commit', async () => {
    const events = eventStoreConfigFrom({ DATA_DIR: dir });
    const store = SqliteEventStore.open({ path: events.sqlitePath });
    await fillMandateLog(store, { seed: 3, events: 200, mandates: 20 });
    const head = await store.headPosition();
    await store.close();

    const readStore = readStoreConfigFrom({}, events);
    let told!: () => void;
    const committed = new Promise<void>((resolve) => (told = resolve));
    const errors: string[] = [];
    const thread = new ProjectorThread(events, readStore, { projections: ['operators'], onCommit: () => told(), logger: { log: () => undefined, error: (m) => errors.push(m) } });
    await thread.start();
    await committed;
    await thread.stop();

    const read = SqliteReadStore.open({ path: readStore.sqlitePath });
    try {
      expect(await read.activeGeneration('operators')).toMatchObject({ state: 'live', checkpoint: head });
      // Only the projection it was given: the board was never planned.
      expect(await read.generations('mandates_board')).toEqual([]);
    } finally {
      await read.close();
    }
    expect(errors).toEqual([]);
  });

  it('reports a thread that cannot open its stores, starts another after the pause, and stops', async () => {
    const events = eventStoreConfigFrom({ DATA_DIR: dir });
    // A folder where the read models' file should be: SQLite cannot open it.
    const folder = join(dir, 'not-a-file.db');
    mkdirSync(folder);
    const errors: string[] = [];
    let restarted!: () => void;
    const twoExits = new Promise<void>((resolve) => (restarted = resolve));
    const thread = new ProjectorThread(
      events,
      { kind: 'sqlite', sqlitePath: folder, databaseSchema: 'public' },
      {
        onCommit: () => undefined,
        restartAfterMs: 10,
        logger: {
          log: () => undefined,
          error: (message) => {
            errors.push(message);
            if (errors.filter((e) => e.includes('exited with code')).length === 2) restarted();
          },
        },
      },
    );
    // Resolves when the thread has died trying: the server starts anyway, and says why.
    await thread.start();
    await twoExits;
    await thread.stop();

    expect(errors[0]).toMatch(/^the projector thread failed: .*unable to open database file/);
    expect(errors).toContain('the projector thread exited with code 1; starting a new one in 10 ms');
  });
});
