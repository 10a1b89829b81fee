export * from './configuration-error';
export * from './pg-integers';
export * from './postgres-migrations';
export * from './private-files';
export * from './sqlite-migrations';
export * from './worker-threads';
export * from './sqlite-backup';
export * from './tar-archive';
