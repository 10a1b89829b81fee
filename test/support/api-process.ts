import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { signToken, type TokenClaims } from '@mandate-ledger/access';
import { spawnTs } from './child-process';

/** One secret and one signing key for every process of a test, as replicas of one deployment share them. */
export const sharedSecrets = (): { AUTH_JWT_SECRET: string; AUDIT_SIGNING_KEY: string } => ({
  AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
  AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
});

/** A bearer header for `claims`, signed with `secret`, valid for an hour. */
export const bearerFor = (secret: string, claims: TokenClaims): string => {
  const now = Math.floor(Date.now() / 1000);
  return `Bearer ${signToken({ iat: now, exp: now + 3600, ...claims }, secret)}`;
};

/** The API as `npm start` runs it, in a process of its own: what a replica is. */
export interface ApiProcess {
  readonly pid: number;
  readonly url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with its exit code or signal once it has ended. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  kill(signal: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
}

const LISTENING = /listening on http:\/\/localhost:(\d+)/;
const START_TIMEOUT_MS = 60_000;

/** Starts `apps/api/src/main.ts` on a free port with `env`; resolves once it listens. */
export const startApiProcess = (env: NodeJS.ProcessEnv): Promise<ApiProcess> =>
  new Promise((resolve, reject) => {
    // No rate limit unless asked: the write loads of the replica tests send thousands of requests a minute under one token.
    const child: ChildProcessWithoutNullStreams = spawnTs('apps/api/src/main.ts', [], { PORT: '0', NO_COLOR: '1', RATE_LIMIT_PER_MINUTE: '0', ...env });
    let output = '';
    const exited = new Promise<number | NodeJS.Signals | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not listen within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    let started = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const port = LISTENING.exec(output)?.[1];
      if (started || port === undefined) return;
      started = true;
      clearTimeout(timer);
      resolve({
        pid: child.pid!,
        url: `http://127.0.0.1:${port}`,
        output: () => output,
        exited,
        kill: (signal) => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then((how) => {
      if (started) return;
      clearTimeout(timer);
      reject(new Error(`the API exited (${how}) before listening:\n${output}`));
    });
  });

/** Asks `path` until it answers 200, or throws after `timeoutMs`. */
export const waitFor200 = async (url: string, path: string, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}${path}`, { headers });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url}${path} did not answer 200 within ${timeoutMs} ms: ${last}`);
};
