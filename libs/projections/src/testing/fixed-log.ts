import { type AppendResult, AppendSignal, type EventStore, pollingSubscription, type ReadAllOptions, type StoredEvent, type SubscribeOptions } from '@mandate-ledger/event-store';

/**
 * A global log of stored events chosen by the test (positions, including beyond 64 bits, and
 * `recordedAt`), for projector tests that need exact control over both. Read-only through the
 * port: tests add events with `push`.
 */
export class FixedLog implements EventStore {
  private readonly events: StoredEvent[] = [];
  private readonly appended = new AppendSignal(5);

  constructor(events: readonly StoredEvent[] = []) {
    this.push(...events);
  }

  push(...events: StoredEvent[]): void {
    for (const event of events) {
      const last = this.events.at(-1);
      if (last && event.position <= last.position) throw new Error('positions must increase');
      this.events.push(event);
    }
    this.appended.notify();
  }

  async appendToStream(): Promise<AppendResult> {
    throw new Error('FixedLog is read-only: push stored events');
  }

  async readStream(stream: string): Promise<StoredEvent[]> {
    return this.events.filter((e) => e.stream === stream);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after;
    const from = after === undefined ? 0 : this.events.findIndex((e) => e.position > after);
    if (from < 0) return [];
    return this.events.slice(from, from + (options.maxCount ?? 1000));
  }

  subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return pollingSubscription((o) => this.readAll(o), this.appended, { ...options, batchSize: 1000 });
  }

  async headPosition(): Promise<bigint | undefined> {
    return this.events.at(-1)?.position;
  }

  async close(): Promise<void> {
    this.appended.notify();
  }
}
