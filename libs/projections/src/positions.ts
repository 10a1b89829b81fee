/**
 * Positions are bigints (EventStoreDB's need 128 bits). Checkpoints are stored as decimal text;
 * positions kept in rows are zero-padded to a fixed width so that text order is log order in
 * every read store, without ever passing through a 64-bit integer.
 */
const WIDTH = 40;

export const positionText = (position: bigint): string => position.toString();

export const positionOf = (text: string | null | undefined): bigint | undefined =>
  text === null || text === undefined ? undefined : BigInt(text);

/** Fixed-width text of a position, for row columns that are compared or sorted. */
export const paddedPosition = (position: bigint): string => {
  if (position < 0n) throw new RangeError(`negative position ${position}`);
  return position.toString().padStart(WIDTH, '0');
};

export const fromPaddedPosition = (text: string): bigint => BigInt(text);
