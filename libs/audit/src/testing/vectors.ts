import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The published test vectors, read in place from the shared folder next to the repository. */
export const VECTORS_DIR = path.resolve(__dirname, '../../../../../shared/vectors');

/** Every file under `dir`, recursively, sorted so test names are stable. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : [full];
    })
    .sort();

/** A small seeded PRNG (mulberry32): property tests that fail replay identically. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
};
