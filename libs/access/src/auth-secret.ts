import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateFolder } from '@mandate-ledger/storage';

/** Where the embedded default keeps its generated JWT secret. */
export const secretFile = (dataDir: string): string => join(dataDir, 'jwt-secret');

/**
 * The HS256 secret: `AUTH_JWT_SECRET` when set; in production mode nothing else is accepted; in the
 * embedded default, a secret generated once into the data folder (mode 0600) and reused.
 */
export const resolveJwtSecret = (env: NodeJS.ProcessEnv, dataDir: string, production: boolean): { secret: string; generated: boolean } => {
  const configured = env.AUTH_JWT_SECRET;
  if (configured) {
    if (configured.length < 32) throw new Error('AUTH_JWT_SECRET must be at least 32 characters');
    return { secret: configured, generated: false };
  }
  if (production) throw new Error('AUTH_JWT_SECRET is required when NODE_ENV=production');
  const file = secretFile(dataDir);
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
