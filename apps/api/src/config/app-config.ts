import { ConfigurationError, eventStoreConfigFrom, type EventStoreConfig } from '@mandate-ledger/event-store';
import { resolveJwtSecret } from '../auth/auth-secret';

/** Everything the server reads from its environment, validated once at boot. */
export interface AppConfig {
  readonly port: number;
  readonly production: boolean;
  readonly eventStore: EventStoreConfig;
  /** A grant above this yearly amount needs a written agreement (loi 2000-321 art. 10). */
  readonly writtenAgreementThresholdCents: number;
  readonly auth: {
    /** HS256 secret: `AUTH_JWT_SECRET`, or generated into the data folder in the embedded default. */
    readonly jwtSecret: string;
    /** Whether this start generated it (the server then says how to mint a token). */
    readonly generated: boolean;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const appConfigFrom = (env: NodeJS.ProcessEnv): AppConfig => {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a TCP port, got "${env.PORT}"`);
  const threshold = Number(env.WRITTEN_AGREEMENT_THRESHOLD_CENTS ?? 2_300_000);
  if (!Number.isSafeInteger(threshold) || threshold < 0) {
    problems.push(`WRITTEN_AGREEMENT_THRESHOLD_CENTS must be a whole number of cents, got "${env.WRITTEN_AGREEMENT_THRESHOLD_CENTS}"`);
  }
  let eventStore: EventStoreConfig | undefined;
  try {
    eventStore = eventStoreConfigFrom(env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
  }
  const production = env.NODE_ENV === 'production';
  let auth: AppConfig['auth'] | undefined;
  try {
    if (eventStore) {
      const { secret, generated } = resolveJwtSecret(env, eventStore.dataDir, production);
      auth = { jwtSecret: secret, generated };
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0 || !eventStore || !auth) throw new ConfigurationError(problems);
  return { port, production, eventStore, writtenAgreementThresholdCents: threshold, auth };
};
