import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseVerifierKey, signNote, verifyNote } from './signed-note';
import { auditConfigFrom, signingKeyFile } from './audit-config';

describe('audit configuration', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ml-audit-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates a signing key once into the data folder, readable by its owner only, and reuses it', () => {
    const first = auditConfigFrom({}, dataDir, false);
    expect(first.keyGenerated).toBe(true);
    expect(statSync(signingKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    const second = auditConfigFrom({}, dataDir, false);
    expect(second).toMatchObject({ keyGenerated: false, vkey: first.vkey, origin: 'mandate-ledger/local', checkpointIntervalMs: 5000, sealIntervalMs: 1000 });
  });

  it('takes the key from AUDIT_SIGNING_KEY as PKCS#8 PEM or as the base64 seed, and signs under the deployment name', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const fromPem = auditConfigFrom({ AUDIT_SIGNING_KEY: pem, DEPLOYMENT_NAME: 'pas-de-calais' }, dataDir, true);
    expect(fromPem.origin).toBe('mandate-ledger/pas-de-calais');
    const note = signNote('hello\n', fromPem.signer);
    expect(verifyNote(note, parseVerifierKey(fromPem.vkey))).toBe('hello\n');

    const seed = randomBytes(32).toString('base64');
    const fromSeed = auditConfigFrom({ AUDIT_SIGNING_KEY: seed }, dataDir, true);
    expect(auditConfigFrom({ AUDIT_SIGNING_KEY: seed }, dataDir, true).vkey).toBe(fromSeed.vkey);
    expect(() => readFileSync(signingKeyFile(dataDir))).toThrow();
  });

  it('refuses to start in production mode without AUDIT_SIGNING_KEY, and lists every problem', () => {
    expect(() => auditConfigFrom({ AUDIT_CHECKPOINT_INTERVAL_MS: 'often', DEPLOYMENT_NAME: 'a b' }, dataDir, true)).toThrow(
      /DEPLOYMENT_NAME[\s\S]*AUDIT_CHECKPOINT_INTERVAL_MS[\s\S]*AUDIT_SIGNING_KEY is required when NODE_ENV=production/,
    );
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => auditConfigFrom({ AUDIT_SIGNING_KEY: rsa }, dataDir, false)).toThrow(/not Ed25519/);
    expect(() => auditConfigFrom({ AUDIT_SIGNING_KEY: 'c2hvcnQ=' }, dataDir, false)).toThrow(/32-byte Ed25519 seed/);
  });
});
