import { type AccessConfig, accessConfigFrom } from '@mandate-ledger/access';
import { ConfigurationError, eventStoreConfigFrom, type EventStoreConfig } from '@mandate-ledger/event-store';
import { type ReadStoreConfig, readStoreConfigFrom } from '@mandate-ledger/projections';
import { type AuditConfig, auditConfigFrom } from '../audit/audit-config';
import { resolveJwtSecret } from '../auth/auth-secret';
import type { TokenPolicy } from '../auth/jwt';
import { tokenPolicyFrom } from '../auth/token-policy';
import { type ConsoleConfig, consoleConfigFrom } from '../console/console-config';
import { type HttpConfig, httpConfigFrom } from '../http/http-config';
import { type OidcConfig, oidcConfigFrom } from '../sign-in/oidc-config';

/** Everything the server reads from its environment, validated once at boot. */
export interface AppConfig {
  readonly port: number;
  readonly production: boolean;
  readonly eventStore: EventStoreConfig;
  /** A grant above this yearly amount needs a written agreement (loi 2000-321 art. 10). */
  readonly writtenAgreementThresholdCents: number;
  readonly readModels: ReadModelsConfig;
  /** The verifiable history: signing key, deployment name, sealing and checkpoint timers. */
  readonly audit: AuditConfig;
  readonly auth: {
    /** HS256 secret: `AUTH_JWT_SECRET`, or generated into the data folder in the embedded default. */
    readonly jwtSecret: string;
    /** Whether this start generated it (the server then says how to mint a token). */
    readonly generated: boolean;
    /** Lifetime cap, issuer and audience the tokens must satisfy. */
    readonly tokenPolicy: TokenPolicy;
  };
  /** CORS origins and the rate limit per principal. */
  readonly http: HttpConfig;
  /** The console's sessions and sign-in links: public URL, session secret and lifetime. */
  readonly access: AccessConfig;
  /** The OpenID Connect provider people sign in with, if one is configured. */
  readonly oidc?: OidcConfig;
  /** Where the built web console is. */
  readonly console: ConsoleConfig;
}

/** The read side: where its tables live, how long read-your-writes waits, whether this process projects. */
export interface ReadModelsConfig {
  readonly readStore: ReadStoreConfig;
  /** `READ_YOUR_WRITES_TIMEOUT_MS` (default 5000): how long a query given `minPosition` waits. */
  readonly readYourWritesTimeoutMs: number;
  /** `PROJECTORS` (`on`, the default, or `off` when another process projects). */
  readonly runProjectors: boolean;
  /** `READY_MAX_LAG_SECONDS` (default 60): `/health/ready` answers 503 while a read model is further behind the log. */
  readonly readyMaxLagSeconds: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Collects a part's {@link ConfigurationError} among the others, so that one start lists every problem. */
const collect = <T>(problems: string[], read: () => T): T | undefined => {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
};

const readModelsConfigFrom = (env: NodeJS.ProcessEnv, eventStore: EventStoreConfig, problems: string[]): ReadModelsConfig | undefined => {
  const timeout = Number(env.READ_YOUR_WRITES_TIMEOUT_MS ?? 5000);
  if (!Number.isSafeInteger(timeout) || timeout < 0) {
    problems.push(`READ_YOUR_WRITES_TIMEOUT_MS must be a whole number of milliseconds, got "${env.READ_YOUR_WRITES_TIMEOUT_MS}"`);
  }
  const projectors = env.PROJECTORS ?? 'on';
  if (projectors !== 'on' && projectors !== 'off') problems.push(`PROJECTORS must be on or off, got "${env.PROJECTORS}"`);
  const maxLag = Number(env.READY_MAX_LAG_SECONDS ?? 60);
  if (!Number.isFinite(maxLag) || maxLag < 0) problems.push(`READY_MAX_LAG_SECONDS must be a number of seconds, got "${env.READY_MAX_LAG_SECONDS}"`);
  const readStore = collect(problems, () => readStoreConfigFrom(env, eventStore));
  return readStore && { readStore, readYourWritesTimeoutMs: timeout, runProjectors: projectors === 'on', readyMaxLagSeconds: maxLag };
};

export const appConfigFrom = (env: NodeJS.ProcessEnv): AppConfig => {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a TCP port, got "${env.PORT}"`);
  const threshold = Number(env.WRITTEN_AGREEMENT_THRESHOLD_CENTS ?? 2_300_000);
  if (!Number.isSafeInteger(threshold) || threshold < 0) {
    problems.push(`WRITTEN_AGREEMENT_THRESHOLD_CENTS must be a whole number of cents, got "${env.WRITTEN_AGREEMENT_THRESHOLD_CENTS}"`);
  }
  const eventStore = collect(problems, () => eventStoreConfigFrom(env));
  const readModels = eventStore && readModelsConfigFrom(env, eventStore, problems);
  const production = env.NODE_ENV === 'production';
  const tokenPolicy = collect(problems, () => tokenPolicyFrom(env));
  let auth: AppConfig['auth'] | undefined;
  try {
    if (eventStore) {
      const { secret, generated } = resolveJwtSecret(env, eventStore.dataDir, production);
      auth = tokenPolicy && { jwtSecret: secret, generated, tokenPolicy };
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  const audit = eventStore && collect(problems, () => auditConfigFrom(env, eventStore.dataDir, production));
  const http = collect(problems, () => httpConfigFrom(env));
  const access = eventStore && collect(problems, () => accessConfigFrom(env, { dataDir: eventStore.dataDir, port, production }));
  const oidc = collect(problems, () => oidcConfigFrom(env));
  const consoleConfig = collect(problems, () => consoleConfigFrom(env));
  if (problems.length > 0 || !eventStore || !readModels || !audit || !auth || !http || !access || !consoleConfig) throw new ConfigurationError(problems);
  return {
    port,
    production,
    eventStore,
    readModels,
    audit,
    writtenAgreementThresholdCents: threshold,
    auth,
    http,
    access,
    ...(oidc ? { oidc } : {}),
    console: consoleConfig,
  };
};
