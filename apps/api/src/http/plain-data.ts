/**
 * A copy of a validated request body as plain JSON data: class instances become plain objects and
 * members left out (own `undefined` properties, which every class field gets under ES2022 class
 * fields) are dropped, so what reaches an event is exactly what canonical JSON accepts.
 */
export const plainData = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map((item: unknown) => plainData(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value))
    if (member !== undefined) Object.defineProperty(copy, key, { value: plainData(member), enumerable: true, writable: true, configurable: true });
  return copy as T;
};
