import type { StoredEvent } from '@mandate-ledger/event-store';
import { APPLICATION_PROJECTIONS, type ReadStore } from '@mandate-ledger/projections';
import type { ApiProcess } from '../../support/api-process';
import { grantBody, laVieActive } from '../../support/calais-bodies';

/** A write the API acknowledged: the event it says it appended. */
export interface Ack {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** The process that answered. */
  readonly via: string;
  readonly at: number;
}

const post = async (url: string, path: string, token: string, body: object): Promise<{ id: string; revision: number; position: string } | undefined> => {
  try {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 201) {
      const text = await response.text();
      // Refusals of the domain would mean the load itself is wrong; anything else is the process going away.
      if (response.status < 500) throw new Error(`${path} answered ${response.status}: ${text}`);
      return undefined;
    }
    return (await response.json()) as { id: string; revision: number; position: string };
  } catch (error) {
    if (error instanceof Error && /answered 4\d\d/.test(error.message)) throw error;
    // A connection refused or reset: the process was killed. Not acknowledged, so not counted.
    return undefined;
  }
};

/**
 * Writes to whichever processes `targets()` names at the time, one request at a time per loop:
 * grants of the 27 July 2017 outreach agreement, each suspended once granted, so that every read
 * model gets rows and versions. Records every acknowledged write.
 */
export class WriteLoad {
  readonly acks: Ack[] = [];
  private operatorId: string | undefined;

  constructor(private readonly token: string) {}

  private record(stream: string, answer: { revision: number; position: string }, via: string): Ack {
    const ack = { stream, revision: BigInt(answer.revision), position: BigInt(answer.position), via, at: Date.now() };
    this.acks.push(ack);
    return ack;
  }

  async registerOperator(url: string): Promise<void> {
    const answer = await post(url, '/operators', this.token, laVieActive);
    if (!answer) throw new Error(`${url} did not register the operator`);
    this.operatorId = answer.id;
    this.record(`operator-${answer.id}`, answer, url);
  }

  /** One grant then its suspension, through `url`; fewer acks when the process went away meanwhile. */
  async writeOnce(url: string): Promise<void> {
    const granted = await post(url, '/mandates', this.token, grantBody(this.operatorId!));
    if (!granted) return;
    this.record(`mandate-${granted.id}`, granted, url);
    const suspended = await post(url, `/mandates/${granted.id}/suspensions`, this.token, {
      effectiveFrom: '2017-10-02',
      reason: 'staff safety',
      decisionReference: `AP-2017-${this.acks.length}`,
    });
    if (suspended) this.record(`mandate-${granted.id}`, suspended, url);
  }

  /** `loops` writers, each choosing its target among `targets()` in turn and pausing `pauseMs` between writes, until `signal` aborts. */
  async run(targets: () => readonly string[], signal: AbortSignal, loops = 2, pauseMs = 0): Promise<void> {
    await Promise.all(
      Array.from({ length: loops }, async (_, loop) => {
        for (let i = loop; !signal.aborted; i++) {
          const choices = targets();
          await this.writeOnce(choices[i % choices.length]);
          if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
        }
      }),
    );
  }

  /** The first write acknowledged after `instant`. */
  firstAckAfter(instant: number): Ack | undefined {
    return this.acks.filter((ack) => ack.at > instant).sort((a, b) => (a.position < b.position ? -1 : 1))[0];
  }

  /** Resolves once each of `urls` has acknowledged `count` more writes than it had when called. */
  async acknowledgedBy(urls: readonly string[], count: number): Promise<void> {
    const by = (url: string) => this.acks.filter((ack) => ack.via === url).length;
    const before = new Map(urls.map((url) => [url, by(url)]));
    while (urls.some((url) => by(url) < before.get(url)! + count)) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Writes through both processes until each has acknowledged 10 writes, kills `holder` with SIGKILL
 * and goes on writing through `survivor` until `stop()`.
 */
export const killUnderWrites = async (load: WriteLoad, holder: ApiProcess, survivor: ApiProcess): Promise<{ killedAt: number; stop(): Promise<void> }> => {
  await load.registerOperator(holder.url);
  const writing = new AbortController();
  let targets = [holder.url, survivor.url];
  const writes = load.run(() => targets, writing.signal);
  await load.acknowledgedBy(targets, 10);
  const killedAt = Date.now();
  targets = [survivor.url];
  expect(await holder.kill('SIGKILL')).toBe('SIGKILL');
  return {
    killedAt,
    stop: async () => {
      writing.abort();
      await writes;
    },
  };
};

/**
 * How long after `killedAt` every read model had applied a write acknowledged after it, which only
 * the survivor can have acknowledged: the takeover, as a client sees it. Infinity after `timeoutMs`.
 */
export const measureTakeover = async (load: WriteLoad, live: ReadStore, killedAt: number, timeoutMs = 30_000): Promise<number> => {
  while (Date.now() - killedAt < timeoutMs) {
    const after = load.firstAckAfter(killedAt);
    const generations = await Promise.all(APPLICATION_PROJECTIONS.map((p) => live.activeGeneration(p.name)));
    if (after && generations.every((g) => g?.checkpoint !== undefined && g.checkpoint >= after.position)) return Date.now() - killedAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Infinity;
};

/**
 * Every acknowledged write is in the log exactly once, where its answer said; the log holds nothing
 * else but `unacknowledged` events at most (requests in flight when a process was killed, which may
 * have committed without an answer) and the events `othersOf` claims (another writer's).
 */
export const expectEveryAckOnce = (log: readonly StoredEvent[], acks: readonly Ack[], unacknowledged: number, othersOf: (event: StoredEvent) => boolean = () => false): void => {
  const byPosition = new Map(log.map((event) => [event.position, event]));
  for (const ack of acks) {
    const event = byPosition.get(ack.position);
    expect({ ack: `${ack.stream}@${ack.revision}`, stored: event && `${event.stream}@${event.revision}` }).toEqual({
      ack: `${ack.stream}@${ack.revision}`,
      stored: `${ack.stream}@${ack.revision}`,
    });
  }
  expect(new Set(acks.map((ack) => ack.position)).size).toBe(acks.length);
  const unclaimed = log.filter((event) => !othersOf(event)).length - acks.length;
  expect(unclaimed).toBeGreaterThanOrEqual(0);
  expect(unclaimed).toBeLessThanOrEqual(unacknowledged);
};
