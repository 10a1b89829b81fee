import { ConfigurationError } from '@mandate-ledger/storage';

/** What the HTTP edge lets through: which browser origins, how many requests per principal. */
export interface HttpConfig {
  /** `CORS_ORIGINS`: origins whose pages may call the API from a browser; none by default (CORS closed). */
  readonly corsOrigins: readonly string[];
  /** `RATE_LIMIT_PER_MINUTE` (default 600): requests per minute for one principal, or one IP without a token; 0: no limit. */
  readonly rateLimitPerMinute: number;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/** `https://console.example.gouv.fr` as the browser sends it in `Origin`: scheme, host and port, nothing else. */
const originOf = (text: string): string | undefined => {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin.toLowerCase() === text.toLowerCase() ? url.origin : undefined;
  } catch {
    return undefined;
  }
};

/** Reads `CORS_ORIGINS` (a comma-separated list) and `RATE_LIMIT_PER_MINUTE`; lists every problem at once. */
export const httpConfigFrom = (env: NodeJS.ProcessEnv): HttpConfig => {
  const problems: string[] = [];
  const corsOrigins: string[] = [];
  for (const entry of (env.CORS_ORIGINS ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const origin = originOf(entry);
    if (origin) corsOrigins.push(origin);
    else problems.push(`CORS_ORIGINS must list origins such as https://console.example.gouv.fr (scheme, host and port only), got "${entry}"`);
  }
  const rateLimitPerMinute = Number(env.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMIT_PER_MINUTE);
  if (!Number.isSafeInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
    problems.push(`RATE_LIMIT_PER_MINUTE must be a whole number of requests (0: no limit), got "${env.RATE_LIMIT_PER_MINUTE}"`);
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { corsOrigins, rateLimitPerMinute };
};
