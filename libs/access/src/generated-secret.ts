import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPrivateFolder } from '@mandate-ledger/storage';


/**
 * A secret from the environment variable `name` when set (at least 32 characters); in production
 * mode nothing else is accepted; in the embedded default, one generated once into `file` (0600 in
 * the data folder) and shared by the server and the CLI.
 */
export const resolveSecret = (
  env: NodeJS.ProcessEnv,
  name: string,
  file: string,
  production: boolean,
): { secret: string; generated: boolean } => {
  const configured = env[name];
  if (configured) {
    if (configured.length < 32) throw new Error(`${name} must be at least 32 characters`);
    return { secret: configured, generated: false };
  }
  if (production) throw new Error(`${name} is required when NODE_ENV=production`);
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), generated: false };
  createPrivateFolder(dirname(file));
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
