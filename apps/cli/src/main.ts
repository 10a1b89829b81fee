import 'reflect-metadata';
import { runBackup, runRestore } from './backup.command';
import { runDemo } from './demo.command';
import { runProjections } from './projections.command';
import { runSignInLink } from './sign-in-link.command';
import { runEvidence } from './evidence.command';
import { runExport } from './export.command';
import { runCheckpoint } from './evidence-checkpoint.command';
import { runStatus } from './status.command';
import { runToken } from './token.command';
import { runVerify } from './verify.command';
import { runVerifyBundle } from './verify-bundle.command';
import { runWitness } from './witness.command';

/** `npm run cli -- <command>`: same configuration (environment) as the server, no HTTP. */
const commands: Record<string, { describe: string; run: (args: string[]) => Promise<number> }> = {
  demo: { describe: 'record the Calais 2017–2018 data set through the command handlers, court orders included: [--notified-on DATE] [--follow-up-notified-on DATE] (a second run appends nothing)', run: runDemo },
  projections: { describe: 'rebuild [name] [--resume true]: rebuild read models beside the live ones; status: position, lag, last error', run: runProjections },
  status: { describe: 'show the configured event store and the head of its global log', run: runStatus },
  checkpoint: { describe: 'seal what was appended and sign a checkpoint; prints its note (keep it outside the database): [--out FILE]', run: runCheckpoint },
  evidence: {
    describe:
      'write an offline-verifiable bundle of the events of a mandate with their proofs: --mandate ID [--out FILE]; or issue the compliance report of a case (recorded, its bytes kept): --case ID [--from DATE] [--to DATE] [--as-known-at INSTANT] [--format json|csv|pdf] [--csv rfc4180|excel-fr] [--signed-at PLACE --signed-by NAME --signatory-quality QUALITY] [--out FILE]',
    run: runEvidence,
  },
  export: {
    describe: 'the open-data exports, from the log: scdl-subventions --authority SIRET --year YYYY [--out FILE] (CSV), or decp --year YYYY [--out FILE] (JSON)',
    run: runExport,
  },
  verify: {
    describe: 'recompute every leaf, node and root from the events and check every checkpoint: [--checkpoint FILE]... [--key VKEY] [--witness-key VKEY]...',
    run: runVerify,
  },
  witness: {
    describe: 'a witness with its own key and state that cosigns checkpoints consistent with the last it cosigned: key|cosign|serve --key FILE --state FILE [--log-key VKEY]...',
    run: runWitness,
  },
  'verify-bundle': { describe: 'check an evidence bundle offline, with no database (and recompute a compliance report\'s figures from its events): FILE [--key VKEY]', run: runVerifyBundle },
  backup: { describe: 'copy the embedded store (log, audit tables, read models, generated keys) while the server runs, into one gzipped tar: --out FILE', run: runBackup },
  restore: { describe: 'restore a backup into an empty data folder (DATA_DIR), checking every file: FILE', run: runRestore },
  token: { describe: 'mint a bearer token: --role officer --departements 62 (or --role operator --operator-id ID)', run: runToken },
  'sign-in-link': { describe: 'print a one-time link to the web console, valid 10 minutes: --role officer --departements 62 [--sub NAME] [--name "Full name"]', run: runSignInLink },
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
