import { ConfigurationError, eventStoreConfigFrom, type EventStoreConfig } from '@mandate-ledger/event-store';

/** Everything the server reads from its environment, validated once at boot. */
export interface AppConfig {
  readonly port: number;
  readonly production: boolean;
  readonly eventStore: EventStoreConfig;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const appConfigFrom = (env: NodeJS.ProcessEnv): AppConfig => {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a TCP port, got "${env.PORT}"`);
  let eventStore: EventStoreConfig | undefined;
  try {
    eventStore = eventStoreConfigFrom(env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !eventStore) throw new ConfigurationError(problems);
  return { port, production: env.NODE_ENV === 'production', eventStore };
};
