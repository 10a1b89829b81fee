import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { signToken, timedClaims, type TokenClaims } from '@mandate-ledger/access';
import { type AppConfig, appConfigFrom } from '../../../apps/api/src/config/app-config';
import { createApp } from '../../../apps/api/src/configure-app';
import { startOidcProvider, type TestAccount, type TestProvider } from './oidc-provider';

const ROOT = join(__dirname, '..', '..', '..');

/** The people of the test provider, and what the API maps their roles to. */
export const ACCOUNTS: Readonly<Record<string, TestAccount>> = {
  'camille.martin': { name: 'Camille Martin', role: 'ddets-agent', departements: ['62'] },
  'alex.durand': { name: 'Alex Durand', role: 'ddets-agent', departements: ['62'] },
  'dominique.petit': { name: 'Dominique Petit', role: 'inspection' },
  'sans.role': { name: 'Sans Rôle', role: 'visitor' },
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Builds the console once per run into a temporary folder, as `npm run build:console` does. */
export const buildConsole = (): string => {
  const outDir = mkdtempSync(join(tmpdir(), 'ml-console-dist-'));
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/console/vite.config.mts'), '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0 || !existsSync(join(outDir, 'index.html'))) throw new Error(`the console did not build:\n${build.stdout}\n${build.stderr}`);
  return outDir;
};

export interface ConsoleStack {
  readonly url: string;
  readonly provider: TestProvider;
  readonly config: AppConfig;
  readonly app: NestExpressApplication;
  /** A bearer header of the API's own, to seed data as a program would. */
  bearer(claims: TokenClaims): string;
  close(): Promise<void>;
}

/**
 * The API with its console, on localhost, signing people in through a real OIDC provider started
 * in this process; checkpoints signed every half second so that verification has proofs at once.
 */
export const startConsoleStack = async ({ consoleDir, env = {} }: { consoleDir: string; env?: NodeJS.ProcessEnv }): Promise<ConsoleStack> => {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const provider = await startOidcProvider({ redirectUri: `${url}/auth/oidc/callback`, accounts: ACCOUNTS });
  const dataDir = mkdtempSync(join(tmpdir(), 'ml-console-data-'));
  const config = appConfigFrom({
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: url,
    CONSOLE_DIR: consoleDir,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_SCOPES: 'openid profile email roles',
    OIDC_ROLE_VALUES: 'ddets-agent=officer,inspection=auditor',
    OIDC_API_AUDIENCE: provider.apiAudience,
    AUDIT_SEAL_INTERVAL_MS: '100',
    AUDIT_CHECKPOINT_INTERVAL_MS: '500',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const app = await createApp(config, ['error', 'warn']);
  await app.listen(port, '127.0.0.1');
  return {
    url,
    provider,
    config,
    app,
    bearer: (claims) => `Bearer ${signToken({ ...timedClaims(config.auth.tokenPolicy, 3600), ...claims }, config.auth.jwtSecret)}`,
    close: async () => {
      await app.close();
      await provider.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
