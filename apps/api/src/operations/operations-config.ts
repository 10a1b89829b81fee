import { ConfigurationError } from '@mandate-ledger/storage';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type LogFormat = 'json' | 'pretty';

/** How the server tells what it does (logs, metrics) and how long it gives requests when told to stop. */
export interface OperationsConfig {
  /** `LOG_LEVEL` (default `info`): the least severe level written. */
  readonly logLevel: LogLevel;
  /** `LOG_FORMAT`: `json` (one JSON object a line, the default with `NODE_ENV=production`) or `pretty` (for a person at a terminal, the default otherwise). */
  readonly logFormat: LogFormat;
  /** `METRICS_PORT`: when set, `GET /metrics` is also served on this port, without a token (keep the port on a private network). */
  readonly metricsPort?: number;
  /** `SHUTDOWN_TIMEOUT_MS` (default 10000): how long requests in flight may take to finish after SIGTERM. */
  readonly shutdownTimeoutMs: number;
}

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads `LOG_LEVEL`, `LOG_FORMAT`, `METRICS_PORT` and `SHUTDOWN_TIMEOUT_MS`; lists every problem at once. */
export const operationsConfigFrom = (env: NodeJS.ProcessEnv): OperationsConfig => {
  const problems: string[] = [];
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const logFormat = (env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty')) as LogFormat;
  if (logFormat !== 'json' && logFormat !== 'pretty') problems.push(`LOG_FORMAT must be json or pretty, got "${env.LOG_FORMAT}"`);
  const metricsPort = env.METRICS_PORT === undefined || env.METRICS_PORT === '' ? undefined : Number(env.METRICS_PORT);
  if (metricsPort !== undefined && !(Number.isInteger(metricsPort) && metricsPort >= 0 && metricsPort <= 65535)) {
    problems.push(`METRICS_PORT must be a TCP port, got "${env.METRICS_PORT}"`);
  }
  const shutdownTimeoutMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
  if (!Number.isSafeInteger(shutdownTimeoutMs) || shutdownTimeoutMs < 0) {
    problems.push(`SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds, got "${env.SHUTDOWN_TIMEOUT_MS}"`);
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { logLevel, logFormat, metricsPort, shutdownTimeoutMs };
};

/** The level of the Nest log levels a test or benchmark asks `createApp` for (`['error', 'warn']`: `warn`). */
export const pinoLevelOf = (levels: readonly string[]): LogLevel => {
  const order: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  const asPino = (level: string): LogLevel => ({ verbose: 'trace', log: 'info' }[level] as LogLevel | undefined) ?? (LEVELS.includes(level as LogLevel) ? (level as LogLevel) : 'info');
  const found = levels.map(asPino).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
  return found ?? 'silent';
};
