import { join, parse } from 'node:path';

/** A worker's file and the flags its thread needs, as `new Worker(file, { execArgv })` takes them. */
export interface WorkerScript {
  readonly file: string;
  readonly execArgv?: string[];
}

/**
 * The worker module `name` beside the module `callerFile` (pass `__filename`). Under ts-node and
 * jest the caller is TypeScript, and so is the worker, compiled by ts-node as it loads; in the
 * server's build both are JavaScript. The sealer's and the projectors' threads load theirs so.
 */
export const workerScriptBeside = (callerFile: string, name: string): WorkerScript => {
  const { dir, ext } = parse(callerFile);
  return ext === '.ts'
    ? { file: join(dir, `${name}.ts`), execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] }
    : { file: join(dir, `${name}.js`) };
};

/**
 * The message of what a worker threw, as its thread's `error` event carries it: a copy that is an
 * Error only if the original was a native one (a SqliteError arrives as its code alone), so
 * `undefined` when it has no message to give.
 */
export const thrownMessageOf = (thrown: unknown): string | undefined =>
  typeof (thrown as { message?: unknown } | undefined)?.message === 'string' ? (thrown as Error).message : undefined;
