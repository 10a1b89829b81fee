import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Starts a TypeScript file of this repository in a separate Node process, with the given environment. */
export const spawnTs = (file: string, args: string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams =>
  spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(root, file), ...args], {
    cwd: root,
    env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json'), ...env },
  });

/** Resolves with the acknowledged ids once `count` acks were printed, then kills the child with SIGKILL. */
export const killAfterAcks = (child: ChildProcessWithoutNullStreams, count: number): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const acks: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`child exited with ${code} before ${count} acks: ${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acks.push(line.slice(4));
      if (acks.length >= count && !child.killed) child.kill('SIGKILL');
    });
  });
