import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appConfigFrom } from './app-config';

describe('the server configuration', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ml-app-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const secret = randomBytes(32).toString('base64url');

  it('defaults to the embedded mode: the read models in a file of their own beside the log, projectors on, read-your-writes waiting 5 s', () => {
    const config = appConfigFrom({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret });
    expect(config.readModels).toEqual({
      readStore: { kind: 'sqlite', sqlitePath: join(dataDir, 'mandate-ledger-read-models.db'), databaseUrl: undefined, databaseSchema: config.eventStore.databaseSchema },
      readYourWritesTimeoutMs: 5000,
      runProjectors: true,
      readyMaxLagSeconds: 60,
    });
  });

  it('reads the read side and the audit timers from the environment it is given, not the process', () => {
    const config = appConfigFrom({
      DATA_DIR: dataDir,
      AUTH_JWT_SECRET: secret,
      PROJECTORS: 'off',
      READ_YOUR_WRITES_TIMEOUT_MS: '0',
      READ_STORE_SQLITE_PATH: join(dataDir, 'read.db'),
      AUDIT_SEAL_INTERVAL_MS: '0',
      DEPLOYMENT_NAME: 'pas-de-calais',
    });
    expect(config.readModels).toMatchObject({ readStore: { kind: 'sqlite', sqlitePath: join(dataDir, 'read.db') }, readYourWritesTimeoutMs: 0, runProjectors: false });
    expect(config.audit).toMatchObject({ sealIntervalMs: 0, checkpointIntervalMs: 5000, origin: 'mandate-ledger/pas-de-calais' });
  });

  it('refuses to start on a misspelt setting, listing every problem at once', () => {
    const start = () =>
      appConfigFrom({
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: secret,
        PORT: 'eighty',
        PROJECTORS: 'of',
        READ_YOUR_WRITES_TIMEOUT_MS: '5s',
        READ_STORE: 'mysql',
        AUDIT_SEAL_INTERVAL_MS: 'often',
      });
    expect(start).toThrow(
      /PORT must be a TCP port[\s\S]*READ_YOUR_WRITES_TIMEOUT_MS must be a whole number[\s\S]*PROJECTORS must be on or off, got "of"[\s\S]*READ_STORE must be one of[\s\S]*AUDIT_SEAL_INTERVAL_MS must be a whole number/,
    );
  });

  it('caps bearer tokens at 12 hours by default, and checks an issuer and an audience only when they are set', () => {
    expect(appConfigFrom({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret }).auth.tokenPolicy).toEqual({ maxLifetimeSeconds: 12 * 3600 });
    const configured = appConfigFrom({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret, AUTH_MAX_TOKEN_LIFETIME_HOURS: '0.5', AUTH_JWT_ISSUER: 'https://idp.example', AUTH_JWT_AUDIENCE: 'mandate-ledger' });
    expect(configured.auth.tokenPolicy).toEqual({ maxLifetimeSeconds: 1800, issuer: 'https://idp.example', audience: 'mandate-ledger' });
  });

  it('refuses to start with a token lifetime that is not a positive number of hours, or an issuer padded with spaces', () => {
    const start = () => appConfigFrom({ DATA_DIR: dataDir, AUTH_JWT_SECRET: 'short', AUTH_MAX_TOKEN_LIFETIME_HOURS: '12h', AUTH_JWT_ISSUER: ' idp ' });
    expect(start).toThrow(/AUTH_MAX_TOKEN_LIFETIME_HOURS must be a positive number of hours, got "12h"[\s\S]*AUTH_JWT_ISSUER must not start or end with spaces[\s\S]*AUTH_JWT_SECRET must be at least 32 characters/);
    expect(() => appConfigFrom({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret, AUTH_MAX_TOKEN_LIFETIME_HOURS: '0' })).toThrow(/AUTH_MAX_TOKEN_LIFETIME_HOURS/);
  });

  it('keeps CORS closed and limits each principal to 600 requests a minute by default', () => {
    expect(appConfigFrom({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret }).http).toEqual({ corsOrigins: [], rateLimitPerMinute: 600 });
    const configured = appConfigFrom({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret, CORS_ORIGINS: 'https://Console.example.gouv.fr, http://localhost:5173,', RATE_LIMIT_PER_MINUTE: '0' });
    expect(configured.http).toEqual({ corsOrigins: ['https://console.example.gouv.fr', 'http://localhost:5173'], rateLimitPerMinute: 0 });
  });

  it('refuses to start with CORS_ORIGINS that are not origins, or a rate limit that is not a whole number', () => {
    const start = () => appConfigFrom({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret, CORS_ORIGINS: '*, https://console.example.gouv.fr/app, ftp://files.example', RATE_LIMIT_PER_MINUTE: 'lots' });
    expect(start).toThrow(/CORS_ORIGINS must list origins[^\n]*got "\*"[\s\S]*got "https:\/\/console.example.gouv.fr\/app"[\s\S]*got "ftp:\/\/files.example"[\s\S]*RATE_LIMIT_PER_MINUTE must be a whole number/);
  });
});
