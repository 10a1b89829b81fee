import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { benchEvent, benchStream } from './bench-events';
import { openRawSqlite } from './sqlite-raw';

/** One of the concurrent SQLite writers: its own connection, its own stream, exact expected revisions. */
const { path, mode, seconds } = workerData as { path: string; mode: 'store' | 'raw'; seconds: number };

parentPort!.once('message', async () => {
  const stream = benchStream();
  let count = 0;
  const deadline = performance.now() + seconds * 1000;
  if (mode === 'store') {
    const store = SqliteEventStore.open({ path });
    while (performance.now() < deadline) {
      await store.appendToStream(stream, [benchEvent(count)], count === 0 ? 'no_stream' : BigInt(count - 1));
      count++;
    }
    await store.close();
  } else {
    const raw = openRawSqlite(path);
    for (; performance.now() < deadline; count++) raw.appendOne(stream, count, benchEvent(count));
    raw.close();
  }
  parentPort!.postMessage(count);
});
parentPort!.postMessage('ready');
