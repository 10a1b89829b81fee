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
});
