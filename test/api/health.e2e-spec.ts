import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { appConfigFrom } from '../../apps/api/src/config/app-config';

describe('GET /health on the embedded SQLite default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ml-api-health-'));
  let app: INestApplication;

  beforeAll(async () => {
    const config = appConfigFrom({ DATA_DIR: dataDir });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication();
    await app.listen(0);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers ok with the store kind and an empty log, creating the database in the data folder', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', eventStore: { kind: 'sqlite', headPosition: null } });
  });
});

describe('configuration', () => {
  it('refuses to start with every problem listed', () => {
    expect(() => appConfigFrom({ PORT: 'http', EVENT_STORE: 'postgres' })).toThrow(
      /PORT must be a TCP port[\s\S]*EVENT_STORE=postgres needs DATABASE_URL/,
    );
    expect(() => appConfigFrom({ EVENT_STORE: 'mongo' })).toThrow(/EVENT_STORE must be one of sqlite, postgres, esdb/);
  });
});
