import 'reflect-metadata';
import { runDemo } from './demo.command';
import { runProjections } from './projections.command';
import { runEvidence } from './evidence.command';
import { runExport } from './export.command';
import { runCheckpoint } from './evidence-checkpoint.command';
import { runStatus } from './status.command';
import { runToken } from './token.command';
import { runVerify } from './verify.command';
import { runVerifyBundle } from './verify-bundle.command';

/** `npm run cli -- <command>`: same configuration (environment) as the server, no HTTP. */
const commands: Record<string, { describe: string; run: (args: string[]) => Promise<number> }> = {
  demo: { describe: 'record the Calais 2017–2018 data set through the command handlers, court orders included: [--notified-on DATE] [--follow-up-notified-on DATE] (a second run appends nothing)', run: runDemo },
  projections: { describe: 'rebuild [name] [--resume true]: rebuild read models beside the live ones; status: position, lag, last error', run: runProjections },
  status: { describe: 'show the configured event store and the head of its global log', run: runStatus },
  checkpoint: { describe: 'seal what was appended and sign a checkpoint; prints its note (keep it outside the database): [--out FILE]', run: runCheckpoint },
  evidence: {
    describe:
      'write an offline-verifiable bundle of the events of a mandate with their proofs: --mandate ID [--out FILE]; or the compliance report of a case, recorded as issued: --case ID [--from DATE] [--to DATE] [--as-known-at INSTANT] [--out FILE]',
    run: runEvidence,
  },
  export: {
    describe: 'the open-data exports, from the log: scdl-subventions --authority SIRET --year YYYY [--out FILE] (CSV), or decp --year YYYY [--out FILE] (JSON)',
    run: runExport,
  },
  verify: { describe: 'recompute every leaf, node and root from the events and check every checkpoint: [--checkpoint FILE]... [--key VKEY]', run: runVerify },
  'verify-bundle': { describe: 'check an evidence bundle offline, with no database (and recompute a compliance report\'s figures from its events): FILE [--key VKEY]', run: runVerifyBundle },
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
