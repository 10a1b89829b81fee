import { latestShapeOf } from '@mandate-ledger/application';
import { createEventStore, type EventStore, eventStoreConfigFrom } from '@mandate-ledger/event-store';
import {
  APPLICATION_PROJECTIONS,
  createReadStore,
  type GenerationStatus,
  type Projection,
  type ProjectorProgress,
  projectionStatuses,
  type ReadStore,
  readStoreConfigFrom,
  rebuildProjection,
} from '@mandate-ledger/projections';
import { parseOptions } from './options';

const USAGE = `usage: npm run cli -- projections rebuild [name] [--resume true] [--batch-size N]
       npm run cli -- projections status
projections: ${APPLICATION_PROJECTIONS.map((p) => p.name).join(', ')}`;

const format = (n: number): string => Math.round(n).toLocaleString('en-US');

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * Progress of a rebuild on stderr: a bar redrawn in place on a terminal, a plain line every two
 * seconds otherwise (logs, CI). Events per second are events applied; the ETA comes from the
 * positions left to the head of the log.
 */
class ProgressReporter {
  private readonly started = performance.now();
  private events = 0;
  private lastLine = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(
    private readonly name: string,
    private readonly from: bigint,
    private readonly head: bigint,
  ) {}

  update({ checkpoint, events }: ProjectorProgress): void {
    this.events += events;
    const now = performance.now();
    if (!this.tty && now - this.lastLine < 2000) return;
    this.lastLine = now;
    process.stderr.write(this.tty ? `\r${this.line(checkpoint)}\u001b[K` : `${this.line(checkpoint)}\n`);
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }

  private line(checkpoint: bigint | undefined): string {
    const seconds = (performance.now() - this.started) / 1000;
    const span = this.head - this.from;
    const done = checkpoint === undefined ? 0n : checkpoint - this.from;
    const fraction = span <= 0n ? 1 : Number((done * 10_000n) / span) / 10_000;
    const rate = this.events / Math.max(seconds, 1e-3);
    const eta = fraction <= 0 ? Infinity : (seconds * (1 - fraction)) / fraction;
    const width = 30;
    const filled = Math.min(width, Math.round(fraction * width));
    const bar = this.tty ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
    return `${this.name}: ${bar}${(fraction * 100).toFixed(1)}% ${format(this.events)} events ${format(rate)} events/s ETA ${duration(eta)}`;
  }
}

const select = (name: string | undefined): Projection<unknown>[] => {
  if (name === undefined) return [...APPLICATION_PROJECTIONS];
  const projection = APPLICATION_PROJECTIONS.find((p) => p.name === name);
  if (!projection) throw new Error(`unknown projection "${name}"\n${USAGE}`);
  return [projection];
};

const rebuild = async (store: EventStore, readStore: ReadStore, args: string[]): Promise<number> => {
  const name = args[0]?.startsWith('--') ? undefined : args[0];
  const rest = name === undefined ? args : args.slice(1);
  const options = parseOptions(rest, ['resume', 'batch-size']);
  let failures = 0;
  for (const projection of select(name)) {
    const head = (await store.headPosition()) ?? 0n;
    const first = (await store.readAll({ maxCount: 1 }))[0]?.position ?? 0n;
    const progress = new ProgressReporter(projection.name, first > 0n ? first - 1n : 0n, head);
    process.stderr.write(`rebuilding ${projection.name} (version ${projection.version}) up to position ${head}\n`);
    const started = performance.now();
    const { generation, outcome } = await rebuildProjection(store, readStore, projection, {
      resume: options.resume === 'true',
      batchSize: options['batch-size'] === undefined ? undefined : Number(options['batch-size']),
      onCommit: (p) => progress.update(p),
      upcast: latestShapeOf,
      onWaiting: (g) => process.stderr.write(`${projection.name}: generation ${g.generation} is being written by another process; waiting up to 10 s for it to let go\n`),
    });
    progress.done();
    const seconds = (performance.now() - started) / 1000;
    if (outcome === 'caught_up') {
      console.log(
        `${projection.name}: generation ${generation.generation} (version ${generation.version}) is live at position ${generation.checkpoint ?? 'none'}, ` +
          `${format(generation.eventsProcessed)} events in ${seconds.toFixed(1)} s`,
      );
    } else {
      failures++;
      const error = generation.lastError;
      const why =
        outcome === 'locked'
          ? `: generation ${generation.generation} is still being written by another process (a server or another rebuild); run it again once that one is done`
          : error
            ? ` at position ${error.position} (${error.eventType}): ${error.message}`
            : '';
      console.error(`${projection.name}: ${outcome}${why}`);
    }
  }
  return failures === 0 ? 0 : 1;
};

const cell = (g: GenerationStatus | undefined, pick: (g: GenerationStatus) => string): string => (g ? pick(g) : '-');

const status = async (store: EventStore, readStore: ReadStore): Promise<number> => {
  const head = await store.headPosition();
  console.log(`head of the log: ${head ?? 'empty log'}`);
  const statuses = await projectionStatuses(store, readStore, APPLICATION_PROJECTIONS, { lagCountLimit: 10_000 });
  const rows = statuses.map((s) => {
    const g = s.live ?? s.building;
    const lag = (x: GenerationStatus) => (x.lagEvents === undefined ? '' : x.lagEvents >= 10_000 ? '≥ 10,000 events' : `${format(x.lagEvents)} events`);
    return [
      s.name,
      String(s.version),
      s.state,
      cell(s.live, (x) => `${x.generation} (v${x.version})`),
      cell(g, (x) => x.position?.toString() ?? 'none'),
      cell(g, (x) => `${lag(x)} / ${x.behindPositions} positions`),
      cell(s.building, (x) => `${x.generation} (v${x.version}) at ${x.position ?? 'none'}`),
      cell(g, (x) => (x.lastError ? `${x.lastError.eventType} at ${x.lastError.position}: ${x.lastError.message}` : '')),
    ];
  });
  const header = ['projection', 'version', 'state', 'serving generation', 'position', 'lag behind head', 'building', 'last error'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach((r) => console.log(line(r)));
  return statuses.some((s) => s.state === 'failed') ? 1 : 0;
};

/** `projections rebuild [name] [--resume true]` and `projections status`, on the server's configuration. */
export const runProjections = async (args: string[]): Promise<number> => {
  const [sub, ...rest] = args;
  if (sub !== 'rebuild' && sub !== 'status') {
    console.error(USAGE);
    return 2;
  }
  const config = eventStoreConfigFrom(process.env);
  // Read as stored, as the API's projectors read it: the projections that want the latest shapes get them through `upcast`.
  const store = await createEventStore(config);
  const readStore = await createReadStore(readStoreConfigFrom(process.env, config));
  try {
    return sub === 'rebuild' ? await rebuild(store, readStore, rest) : await status(store, readStore);
  } finally {
    await readStore.close();
    await store.close();
  }
};
