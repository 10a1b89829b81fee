import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '@mandate-ledger/storage';

/** Where the built web console is (`npm run build:console`), served at `/`. */
export interface ConsoleConfig {
  /** `CONSOLE_DIR` (default `dist/console` under the working directory). */
  readonly dir: string;
}

export const DEFAULT_CONSOLE_DIR = join('dist', 'console');

/** Reads `CONSOLE_DIR`: a folder given explicitly must hold a built console; the default may be missing (the API then says how to build it). */
export const consoleConfigFrom = (env: NodeJS.ProcessEnv): ConsoleConfig => {
  const dir = resolve(env.CONSOLE_DIR ?? DEFAULT_CONSOLE_DIR);
  if (env.CONSOLE_DIR !== undefined && !existsSync(join(dir, 'index.html'))) {
    throw new ConfigurationError([`CONSOLE_DIR must be a built console (npm run build:console writes one), but ${join(dir, 'index.html')} does not exist`]);
  }
  return { dir };
};
