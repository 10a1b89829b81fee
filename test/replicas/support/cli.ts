import { spawnTs } from '../../support/child-process';

/** Runs `npm run cli -- <args>` as a process of its own; resolves with its exit code and output. */
export const runCli = (args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawnTs('apps/cli/src/main.ts', [...args], env);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
