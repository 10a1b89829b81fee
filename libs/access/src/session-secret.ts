import { join } from 'node:path';
import { resolveSecret } from './generated-secret';

/** Where the embedded default keeps its generated session secret. */
export const sessionSecretFile = (dataDir: string): string => join(dataDir, 'session-secret');

/**
 * The secret that seals sign-in links and session cookies: `SESSION_SECRET`, or the one generated
 * into the data folder (see {@link resolveSecret}). A secret of its own, not the bearer tokens': a
 * session cookie or a sign-in link is never a bearer token, nor the reverse.
 */
export const resolveSessionSecret = (env: NodeJS.ProcessEnv, dataDir: string, production: boolean): { secret: string; generated: boolean } =>
  resolveSecret(env, 'SESSION_SECRET', sessionSecretFile(dataDir), production);
