import 'reflect-metadata';
import { runDemo } from './demo.command';
import { runStatus } from './status.command';
import { runToken } from './token.command';

/** `npm run cli -- <command>`: same configuration (environment) as the server, no HTTP. */
const commands: Record<string, { describe: string; run: (args: string[]) => Promise<number> }> = {
  demo: { describe: 'record the Calais 2017–2018 data set through the command handlers (a second run appends nothing)', run: runDemo },
  status: { describe: 'show the configured event store and the head of its global log', run: runStatus },
  token: { describe: 'mint a bearer token: --role officer --departements 62 (or --role operator --operator-id ID)', run: runToken },
};

const usage = (): string =>
  ['usage: npm run cli -- <command> [options]', '', ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.describe}`)].join('\n');

const main = async (): Promise<number> => {
  const [name, ...args] = process.argv.slice(2);
  const command = commands[name ?? ''];
  if (!command) {
    console.error(name ? `unknown command "${name}"\n\n${usage()}` : usage());
    return 2;
  }
  return command.run(args);
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
