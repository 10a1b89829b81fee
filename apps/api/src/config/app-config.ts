import { type AccessConfig, accessConfigFrom, resolveJwtSecret, type TokenPolicy, tokenPolicyFrom } from '@mandate-ledger/access';
import { type ApplicationConfig, collectProblems, readApplicationConfig } from '@mandate-ledger/application';
import type { ReadStoreConfig } from '@mandate-ledger/projections';
import { ConfigurationError } from '@mandate-ledger/storage';
import { type ConsoleConfig, consoleConfigFrom } from '../console/console-config';
import { type HttpConfig, httpConfigFrom } from '../http/http-config';
import { type OidcConfig, oidcConfigFrom } from '../sign-in/oidc-config';
import { type OperationsConfig, operationsConfigFrom } from '../operations/operations-config';

/** Everything the server reads from its environment, validated once at boot: the application's, and the server's own. */
export interface AppConfig extends Omit<ApplicationConfig, 'readStore'> {
  readonly port: number;
  readonly readModels: ReadModelsConfig;
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
  /** Logs, metrics and graceful shutdown. */
  readonly operations: OperationsConfig;
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

/** The read side's own settings; where its tables live comes with the application's configuration. */
const readModelsSettingsFrom = (env: NodeJS.ProcessEnv, problems: string[]): Omit<ReadModelsConfig, 'readStore'> => {
  const timeout = Number(env.READ_YOUR_WRITES_TIMEOUT_MS ?? 5000);
  if (!Number.isSafeInteger(timeout) || timeout < 0) {
    problems.push(`READ_YOUR_WRITES_TIMEOUT_MS must be a whole number of milliseconds, got "${env.READ_YOUR_WRITES_TIMEOUT_MS}"`);
  }
  const projectors = env.PROJECTORS ?? 'on';
  if (projectors !== 'on' && projectors !== 'off') problems.push(`PROJECTORS must be on or off, got "${env.PROJECTORS}"`);
  const maxLag = Number(env.READY_MAX_LAG_SECONDS ?? 60);
  if (!Number.isFinite(maxLag) || maxLag < 0) problems.push(`READY_MAX_LAG_SECONDS must be a number of seconds, got "${env.READY_MAX_LAG_SECONDS}"`);
  return { readYourWritesTimeoutMs: timeout, runProjectors: projectors === 'on', readyMaxLagSeconds: maxLag };
};

export const appConfigFrom = (env: NodeJS.ProcessEnv): AppConfig => {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a TCP port, got "${env.PORT}"`);
  const readModels = readModelsSettingsFrom(env, problems);
  const { eventStore, readStore, audit, production, writtenAgreementThresholdCents, financialReportDueMonths } = readApplicationConfig(env, problems);
  const tokenPolicy = collectProblems(problems, () => tokenPolicyFrom(env));
  let auth: AppConfig['auth'] | undefined;
  try {
    if (eventStore) {
      const { secret, generated } = resolveJwtSecret(env, eventStore.dataDir, production);
      auth = tokenPolicy && { jwtSecret: secret, generated, tokenPolicy };
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  const http = collectProblems(problems, () => httpConfigFrom(env));
  const access = eventStore && collectProblems(problems, () => accessConfigFrom(env, { dataDir: eventStore.dataDir, port, production }));
  const oidc = collectProblems(problems, () => oidcConfigFrom(env));
  const consoleConfig = collectProblems(problems, () => consoleConfigFrom(env));
  const operations = collectProblems(problems, () => operationsConfigFrom(env));
  if (problems.length > 0 || !eventStore || !readStore || !audit || !auth || !http || !access || !consoleConfig || !operations) throw new ConfigurationError(problems);
  return {
    port,
    production,
    eventStore,
    audit,
    writtenAgreementThresholdCents,
    financialReportDueMonths,
    readModels: { ...readModels, readStore },
    auth,
    http,
    access,
    ...(oidc ? { oidc } : {}),
    console: consoleConfig,
    operations,
  };
};
