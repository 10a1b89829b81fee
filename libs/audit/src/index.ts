export * from './canonical-json';
export * from './merkle-tree';
export * from './proofs';
export * from './signed-note';
