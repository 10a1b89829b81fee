export * from './event-store.port';
export * from './event-store.errors';
export * from './serialization/upcasters';
export * from './serialization/uuid-v7';
