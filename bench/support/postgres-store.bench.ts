import type { Comparison } from './measure';

export const postgresStoreComparisons = async (_options: { seconds: number; events: number; writers: number }): Promise<Comparison[]> => {
  throw new Error('postgres benchmark: not written yet');
};
