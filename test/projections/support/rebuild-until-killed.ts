import { runProjections } from '../../../apps/cli/src/projections.command';

// The `projections` CLI command in a child process of its own (without the other commands'
// imports, for a quick start), configured by the environment like the CLI.
runProjections(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
