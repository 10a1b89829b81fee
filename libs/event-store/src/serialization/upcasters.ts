import type { JsonObject, StoredEvent } from '../event-store.port';

/** Lifts the data of one event type from `fromSchemaVersion` to `fromSchemaVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromSchemaVersion: number;
  upcast(data: JsonObject, event: StoredEvent): JsonObject;
}

/** Applies upcasters keyed by (type, schemaVersion) until no step applies: the domain sees the latest shape. */
export class UpcasterChain {
  private readonly steps = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) {
      const key = `${upcaster.type}@${upcaster.fromSchemaVersion}`;
      if (this.steps.has(key)) throw new Error(`Two upcasters for ${key}`);
      this.steps.set(key, upcaster);
    }
  }

  get isEmpty(): boolean {
    return this.steps.size === 0;
  }

  apply(event: StoredEvent): StoredEvent {
    let current = event;
    for (let step = this.steps.get(`${current.type}@${current.schemaVersion}`); step; ) {
      current = { ...current, schemaVersion: current.schemaVersion + 1, data: step.upcast(current.data, current) };
      step = this.steps.get(`${current.type}@${current.schemaVersion}`);
    }
    return current;
  }
}
