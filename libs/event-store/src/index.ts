export * from './event-store.port';
export * from './event-store.errors';
export * from './serialization/upcasters';
export * from './serialization/uuid-v7';
export * from './event-store.config';
export * from './create-event-store';
export * from './handle-command';
export * from './serialization/polling-subscription';
