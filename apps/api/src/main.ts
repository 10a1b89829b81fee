import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { appConfigFrom } from './config/app-config';
import { createApp } from './configure-app';
import { closeOnSignals } from './operations/graceful-shutdown';

async function bootstrap(): Promise<void> {
  const config = appConfigFrom(process.env);
  const app = await createApp(config);
  await app.listen(config.port);
  closeOnSignals(app, config.operations.shutdownTimeoutMs);
  const where = config.eventStore.kind === 'sqlite' ? config.eventStore.sqlitePath : config.eventStore.kind;
  // The port bound, not the one asked for: `PORT=0` takes any free port (the replica tests do).
  const { port } = app.getHttpServer().address() as AddressInfo;
  Logger.log(`mandate-ledger listening on http://localhost:${port} (event store: ${where}); API docs at /docs`, 'Bootstrap');
  const signIn = config.oidc ? `people sign in through ${config.oidc.issuer}` : 'sign in with a link from npm run cli -- sign-in-link --role officer --departements 62';
  if (existsSync(join(config.console.dir, 'index.html'))) Logger.log(`Web console at ${config.access.publicUrl}/: ${signIn}`, 'Bootstrap');
  else Logger.warn(`The web console is not built in ${config.console.dir}: npm run build:console`, 'Bootstrap');
  if (config.auth.generated) {
    Logger.log(`Generated a JWT secret in ${config.eventStore.dataDir}. Mint a token: npm run cli -- token --role officer --departements 62`, 'Bootstrap');
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
