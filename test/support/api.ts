import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { signToken, timedClaims, type TokenClaims } from '@mandate-ledger/access';
import { appConfigFrom } from '../../apps/api/src/config/app-config';
import { createApp } from '../../apps/api/src/configure-app';

/** The real Nest app on a SQLite file in a temp folder, reached over real HTTP. */
export interface TestApi {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  /**
   * A bearer header for a token with these claims, signed with the app's secret: issued now, valid
   * for an hour (or the app's cap if shorter), with the app's issuer and audience, unless the claims
   * say otherwise (`exp: undefined` leaves `exp` out).
   */
  bearer(claims: TokenClaims): string;
  close(): Promise<void>;
}

export const startApi = async (env: NodeJS.ProcessEnv = {}): Promise<TestApi> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ml-api-'));
  const config = appConfigFrom({ DATA_DIR: dataDir, ...env });
  const app = await createApp(config, ['error', 'warn']);
  await app.listen(0);
  return {
    app,
    http: request(app.getHttpServer()),
    bearer: (claims) => {
      const { tokenPolicy } = config.auth;
      return `Bearer ${signToken({ ...timedClaims(tokenPolicy, Math.min(3600, tokenPolicy.maxLifetimeSeconds)), ...claims }, config.auth.jwtSecret)}`;
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
