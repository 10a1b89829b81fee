import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateFolder } from '@mandate-ledger/event-store';

/** Where the embedded default keeps its generated session secret. */
export const sessionSecretFile = (dataDir: string): string => join(dataDir, 'session-secret');

/**
 * The secret that seals sign-in links and session cookies: `SESSION_SECRET` when set; in production
 * mode nothing else is accepted; otherwise one generated once into the data folder (0600) and shared
 * by the server and the CLI. A secret of its own, not the bearer tokens': a session cookie or a
 * sign-in link is never a bearer token, nor the reverse.
 */
export const resolveSessionSecret = (env: NodeJS.ProcessEnv, dataDir: string, production: boolean): { secret: string; generated: boolean } => {
  const configured = env.SESSION_SECRET;
  if (configured) {
    if (configured.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters');
    return { secret: configured, generated: false };
  }
  if (production) throw new Error('SESSION_SECRET is required when NODE_ENV=production');
  const file = sessionSecretFile(dataDir);
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), generated: false };
  createPrivateFolder(dataDir);
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (the CLI, a second server) generated it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { secret: readFileSync(file, 'utf8').trim(), generated: false };
    throw error;
  }
  return { secret, generated: true };
};
