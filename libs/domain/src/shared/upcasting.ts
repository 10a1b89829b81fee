// The JSON an event's data is stored as: the same shape as the event store's, declared here so the
// domain depends on nothing.
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * Lifts the data of one event type from `fromSchemaVersion` to the next version. Pure: the stored
 * event never changes, only what the domain reads (STYLE: the stored `type` never changes, a new
 * shape bumps `schemaVersion` and gets an upcaster).
 */
export interface EventUpcaster {
  readonly type: string;
  readonly fromSchemaVersion: number;
  upcast(data: JsonObject): JsonObject;
}

/** One step for `type` from `fromSchemaVersion`, with the old shape typed for the function that lifts it. */
export const upcasterOf = <Old, New>(type: string, fromSchemaVersion: number, upcast: (data: Old) => New): EventUpcaster => ({
  type,
  fromSchemaVersion,
  upcast: (data) => upcast(data as Old) as JsonObject,
});

/** Applies the steps for the event's type from its version on, until none applies: the latest shape. */
export const upcastWith =
  (upcasters: readonly EventUpcaster[]) =>
  <Event extends { readonly type: string; readonly schemaVersion: number; readonly data: unknown }>(event: Event): Event => {
    let current = event;
    for (;;) {
      const step = upcasters.find(({ type, fromSchemaVersion }) => type === current.type && fromSchemaVersion === current.schemaVersion);
      if (step === undefined) return current;
      current = { ...current, schemaVersion: current.schemaVersion + 1, data: step.upcast(current.data as JsonObject) };
    }
  };
