import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { appConfigFrom } from '../../apps/api/src/config/app-config';
import { createApp } from '../../apps/api/src/configure-app';

// A child process of `npm run bench -- api`: `api-server.ts grant|bare` starts one server on a free
// port and prints `listening <port>`, so that the load generator never shares its event loop.

/** The baseline: the same platform (Nest on Express, JSON body parser), answering a grant's JSON without a store. */
@Controller('mandates')
class BareGrantController {
  private position = 0;

  @Post()
  grant(@Body() body: { id?: unknown }): { id: string; revision: number; position: string } {
    return { id: typeof body?.id === 'string' ? body.id : randomUUID(), revision: 0, position: String(++this.position) };
  }
}

@Module({ controllers: [BareGrantController] })
class BareGrantModule {}

const start = async (kind: string | undefined): Promise<NestExpressApplication> => {
  if (kind === 'grant') {
    // Only what the benchmark sets: the embedded SQLite store in its temp folder, whatever the shell exports.
    const { DATA_DIR, AUTH_JWT_SECRET } = process.env;
    return createApp(appConfigFrom({ EVENT_STORE: 'sqlite', DATA_DIR, AUTH_JWT_SECRET }), ['error', 'warn']);
  }
  if (kind === 'bare') return NestFactory.create<NestExpressApplication>(BareGrantModule, { logger: ['error', 'warn'] });
  throw new Error(`usage: api-server.ts grant|bare, got ${kind}`);
};

start(process.argv[2])
  .then(async (app) => {
    await app.listen(0, '127.0.0.1');
    process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
    console.log(`listening ${(app.getHttpServer().address() as { port: number }).port}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
