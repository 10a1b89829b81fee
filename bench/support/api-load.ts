import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';

const root = join(__dirname, '..', '..');

/** A server of `api-server.ts`, running in a child process. */
export interface ServerProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `api-server.ts <kind>` in its own Node process and resolves once it listens. */
export const startServerProcess = (kind: 'grant' | 'bare' | 'floor', env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    // The V8 flag `npm run start:prod` and the image give the server, on both servers alike.
    const child = spawn(process.execPath, ['--max-semi-space-size=64', '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, 'api-server.ts'), kind], {
      cwd: root,
      env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('exit', (code, signal) => reject(new Error(`the ${kind} server exited (${code ?? signal}) before listening: ${stderr}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const listening = /listening (\d+)/.exec(stdout);
      if (!listening) return;
      resolve({
        url: `http://127.0.0.1:${listening[1]}`,
        stop: async () => {
          child.kill('SIGTERM');
          const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timeout);
          process.removeListener('exit', killOnExit);
        },
      });
    });
  });

export interface LoadOptions {
  readonly url: string;
  readonly path: string;
  readonly connections: number;
  readonly seconds: number;
  readonly headers: Record<string, string>;
  /** Called once per request: each request gets a body of its own. */
  readonly body: () => string;
}

export interface LoadResult {
  readonly connections: number;
  /** Answers with a 2xx status per second: refusals and failures do not count as throughput. */
  readonly perSecond: number;
  /** Latencies of the 2xx answers, in milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  /** Answers with any other status. */
  readonly refused: number;
  /** Connection errors, timeouts included. */
  readonly errors: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Status and body of the first answer that was not a 2xx. */
  readonly firstRefusal?: string;
}

/** POSTs with autocannon for `seconds` over `connections` connections, keeping its own latency record of the 2xx answers. */
export const loadWithPosts = ({ url, path, connections, seconds, headers, body }: LoadOptions): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    // autocannon's histogram keeps whole milliseconds; sub-millisecond latencies need their own record.
    const latencies: number[] = [];
    let firstRefusal: string | undefined;
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path,
            headers: { 'content-type': 'application/json', ...headers },
            setupRequest: (request) => ({ ...request, body: body() }),
            onResponse: (status, text) => {
              if ((status < 200 || status >= 300) && firstRefusal === undefined) firstRefusal = `${status} ${text.slice(0, 500)}`;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, Number(count ?? 0)]));
        latencies.sort((a, b) => a - b);
        resolve({
          connections,
          perSecond: result['2xx'] / result.duration,
          p50: percentile(latencies, 0.5),
          p99: percentile(latencies, 0.99),
          ok: result['2xx'],
          refused: result.non2xx,
          errors: result.errors,
          statusCodes,
          firstRefusal,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, milliseconds) => {
      if (status >= 200 && status < 300) latencies.push(milliseconds);
    });
  });

/** Nearest-rank percentile of sorted values; NaN when there are none. */
export const percentile = (sorted: readonly number[], p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
