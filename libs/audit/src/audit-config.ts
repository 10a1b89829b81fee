import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519PublicKeyBytes, formatVerifierKey, type NoteSigner } from './signed-note';
import { generateSigningKeyPem, parseSigningKey, publicKeyPemOf } from './signing-key';
import { ConfigurationError, createPrivateFolder } from '@mandate-ledger/storage';

/** The verifiable history's settings (DESIGN §5), read by the server and the CLI alike. */
export interface AuditConfig {
  /** The log's identity, `mandate-ledger/<DEPLOYMENT_NAME>`: first line of every checkpoint and name of the key. */
  readonly origin: string;
  readonly signer: NoteSigner;
  /** The C2SP verifier key of the signer. */
  readonly vkey: string;
  readonly publicKeyPem: string;
  readonly publicKeyBase64: string;
  /** Whether this start generated the key into the data folder. */
  readonly keyGenerated: boolean;
  /** How often the server signs a checkpoint if the log grew; 0 turns the timer off. */
  readonly checkpointIntervalMs: number;
  /** How often the server seals what was appended; 0 turns the timer off. */
  readonly sealIntervalMs: number;
}

/** Where the embedded default keeps its generated signing key. */
export const signingKeyFile = (dataDir: string): string => join(dataDir, 'audit-signing-key.pem');

/**
 * The signing key: `AUDIT_SIGNING_KEY` (PKCS#8 PEM or base64 seed) when set; in production mode
 * nothing else is accepted; in the embedded default, a key generated once into the data folder
 * (mode 0600) and reused, as the JWT secret is.
 */
export const resolveSigningKeyText = (env: NodeJS.ProcessEnv, dataDir: string, production: boolean): { text: string; generated: boolean } => {
  if (env.AUDIT_SIGNING_KEY) return { text: env.AUDIT_SIGNING_KEY, generated: false };
  if (production) throw new Error('AUDIT_SIGNING_KEY is required when NODE_ENV=production');
  const file = signingKeyFile(dataDir);
  if (existsSync(file)) return { text: readFileSync(file, 'utf8'), generated: false };
  createPrivateFolder(dataDir);
  const text = generateSigningKeyPem();
  try {
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (the CLI, a second server) generated it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { text: readFileSync(file, 'utf8'), generated: false };
    throw error;
  }
  return { text, generated: true };
};

/** The log's origin and key name: `mandate-ledger/<DEPLOYMENT_NAME>` (default `local`). */
export const auditOriginFrom = (env: NodeJS.ProcessEnv): string => `mandate-ledger/${env.DEPLOYMENT_NAME ?? 'local'}`;

const interval = (env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 0) problems.push(`${name} must be a whole number of milliseconds (0: off), got "${env[name]}"`);
  return value;
};

/**
 * Reads `DEPLOYMENT_NAME` (default `local`), `AUDIT_SIGNING_KEY`, `AUDIT_CHECKPOINT_INTERVAL_MS`
 * (default 5000) and `AUDIT_SEAL_INTERVAL_MS` (default 1000); lists every problem at once.
 */
export const auditConfigFrom = (env: NodeJS.ProcessEnv, dataDir: string, production: boolean): AuditConfig => {
  const problems: string[] = [];
  const deployment = env.DEPLOYMENT_NAME ?? 'local';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(deployment)) problems.push(`DEPLOYMENT_NAME must be letters, digits, '.', '_' or '-', got "${deployment}"`);
  const checkpointIntervalMs = interval(env, 'AUDIT_CHECKPOINT_INTERVAL_MS', 5000, problems);
  const sealIntervalMs = interval(env, 'AUDIT_SEAL_INTERVAL_MS', 1000, problems);
  let key: { privateKey: ReturnType<typeof parseSigningKey>; generated: boolean } | undefined;
  try {
    const { text, generated } = resolveSigningKeyText(env, dataDir, production);
    key = { privateKey: parseSigningKey(text), generated };
  } catch (error) {
    problems.push(`AUDIT_SIGNING_KEY: ${(error as Error).message}`);
  }
  if (problems.length > 0 || !key) throw new ConfigurationError(problems);
  const origin = auditOriginFrom(env);
  const signer = { name: origin, privateKey: key.privateKey };
  return {
    origin,
    signer,
    vkey: formatVerifierKey({ name: origin, publicKey: key.privateKey }),
    publicKeyPem: publicKeyPemOf(key.privateKey),
    publicKeyBase64: ed25519PublicKeyBytes(key.privateKey).toString('base64'),
    keyGenerated: key.generated,
    checkpointIntervalMs,
    sealIntervalMs,
  };
};
