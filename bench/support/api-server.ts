import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Body, Controller, Inject, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mandateStreamName } from '@mandate-ledger/domain';
import { type JsonObject, uuidv7 } from '@mandate-ledger/event-store';
import { SqliteEventStore } from '@mandate-ledger/event-store/sqlite/sqlite.event-store';
import { appConfigFrom } from '../../apps/api/src/config/app-config';
import { createApp } from '../../apps/api/src/configure-app';
import { plainData } from '../../apps/api/src/http/plain-data';
import { validationPipe } from '../../apps/api/src/http/validation';
import { GrantMandateRequest } from '../../apps/api/src/mandates/grant-mandate/grant-mandate.request';

// A child process of `npm run bench -- api`: `api-server.ts grant|bare|floor` starts one server on a free
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

const FLOOR_STORE = Symbol('floor store');
const FLOOR_ACTOR = { sub: 'bench-floor', role: 'officer' };

/**
 * The least any grant must do beyond the bare endpoint, whatever its code: validate the body with
 * class-validator (the app's own pipe and request class) and append it, durably, as one event. No
 * token, no decision, no read model, no audit. What it answers bounds what the grant can answer.
 */
@Controller('mandates')
class FloorGrantController {
  constructor(@Inject(FLOOR_STORE) private readonly store: SqliteEventStore) {}

  @Post()
  async grant(@Body(validationPipe()) body: GrantMandateRequest): Promise<{ id: string; revision: number; position: string }> {
    const { id = uuidv7(), ...grant } = plainData(body);
    const event = { id: uuidv7(), type: 'MandateGranted', schemaVersion: 1, data: grant as unknown as JsonObject, metadata: { actor: FLOOR_ACTOR, correlationId: randomUUID() } };
    const { position } = await this.store.appendToStream(mandateStreamName(id), [event], 'no_stream');
    return { id, revision: 0, position: String(position) };
  }
}

@Module({
  controllers: [FloorGrantController],
  providers: [{ provide: FLOOR_STORE, useFactory: () => SqliteEventStore.open({ path: join(process.env.DATA_DIR ?? '.', 'floor.db') }) }],
})
class FloorGrantModule {}

const start = async (kind: string | undefined): Promise<NestExpressApplication> => {
  if (kind === 'grant') {
    // Only what the benchmark sets: the embedded SQLite store in its temp folder, whatever the shell exports.
    const { DATA_DIR, AUTH_JWT_SECRET, RATE_LIMIT_PER_MINUTE } = process.env;
    return createApp(appConfigFrom({ EVENT_STORE: 'sqlite', DATA_DIR, AUTH_JWT_SECRET, RATE_LIMIT_PER_MINUTE }), ['error', 'warn']);
  }
  if (kind === 'bare') return NestFactory.create<NestExpressApplication>(BareGrantModule, { logger: ['error', 'warn'] });
  if (kind === 'floor') return NestFactory.create<NestExpressApplication>(FloorGrantModule, { logger: ['error', 'warn'] });
  throw new Error(`usage: api-server.ts grant|bare|floor, got ${kind}`);
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
