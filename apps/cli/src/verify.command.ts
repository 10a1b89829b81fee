import { readFileSync } from 'node:fs';
import { type CosignerVerifier, type LogVerification, openAuditedLog, parseCosignerKey, verifyLog, type WitnessStateFile } from '@mandate-ledger/audit';
import { parseArguments, progressLine, storeConfigFrom, verifierKeyFor } from './verify-support';

const USAGE = 'usage: npm run cli -- verify [--checkpoint FILE]... [--key VKEY] [--witness-key VKEY]...';

/**
 * The checkpoints of the log `origin` held in a file outside the database: the signed note itself,
 * JSON that carries it (the answer of `GET /audit/checkpoint`, an evidence bundle), or a witness's
 * state file (the latest checkpoint it cosigned).
 */
export const checkpointNotesIn = (text: string, origin: string): string[] => {
  if (!text.trimStart().startsWith('{')) return [text];
  const json = JSON.parse(text) as { note?: unknown; checkpoint?: { note?: unknown } } & Partial<WitnessStateFile>;
  if (json.format === 'mandate-ledger/witness-state') {
    const witnessed = json.logs?.[origin];
    if (!witnessed) throw new Error(`the witness state holds no checkpoint of ${origin}`);
    return [witnessed.note];
  }
  const note = json.note ?? json.checkpoint?.note;
  if (typeof note !== 'string') throw new Error('the JSON holds no checkpoint note (note or checkpoint.note)');
  return [note];
};

const summaryOf = (result: LogVerification, witnessed: boolean): string[] => [
  `✓ ${result.events.toLocaleString('en-US')} events match the ${result.sealed.toLocaleString('en-US')} sealed leaves` +
    ` (${(result.events - result.sealed).toLocaleString('en-US')} appended since, not sealed yet)`,
  `✓ ${result.checkpoints} stored checkpoints: signatures, roots and consistency`,
  ...(result.externalCheckpoints > 0 ? [`✓ the log extends the ${result.externalCheckpoints} checkpoints held outside the database${witnessed ? ', cosigned by the witness' : ''}`] : []),
  `root of the ${result.events.toLocaleString('en-US')} events: ${result.root.toString('hex')}`,
];

/**
 * `npm run cli -- verify`: recomputes every leaf and the tree from the stored events and checks
 * them, every checkpoint and the consistency between them; exits 1 naming the first position that
 * does not match. `--checkpoint FILE` (repeatable) adds checkpoints kept outside the database,
 * which the log must extend: the only way to detect a rollback and rewrite of the whole database.
 * `--witness-key VKEY` (repeatable) trusts a witness: every held checkpoint must be cosigned by one,
 * and a log older than or forked from it is refused, naming the cosigned size.
 */
export const runVerify = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let parsed: ReturnType<typeof parseArguments>;
  try {
    parsed = parseArguments(args, ['key'], ['checkpoint', 'witness-key']);
    if (parsed.positional.length > 0) throw new Error(`unexpected argument ${parsed.positional[0]}`);
    if (parsed.lists['witness-key'].length > 0 && parsed.lists.checkpoint.length === 0) {
      throw new Error('--witness-key needs a checkpoint the witness cosigned: --checkpoint FILE (its state file, or the note of witness cosign)');
    }
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const config = storeConfigFrom(env);
  const { verifier } = verifierKeyFor(env, config, parsed.options.key);
  const externalCheckpoints = parsed.lists.checkpoint.flatMap((file) => checkpointNotesIn(readFileSync(file, 'utf8'), verifier.name));
  const witnesses: CosignerVerifier[] = parsed.lists['witness-key'].map((vkey) => parseCosignerKey(vkey));
  const opened = await openAuditedLog(config);
  const progress = progressLine('verify');
  try {
    const result = await verifyLog({
      log: opened.events,
      audit: opened.audit,
      verifier,
      externalCheckpoints,
      witnesses,
      readFrom: opened.readFrom,
      onProgress: progress.update,
    });
    progress.end();
    if (!result.failure) {
      for (const line of summaryOf(result, witnesses.length > 0)) console.log(line);
      return 0;
    }
    const { kind, position, leafIndex, treeSize, detail } = result.failure;
    const where = [position !== undefined && `position ${position}`, leafIndex !== undefined && `leaf ${leafIndex}`, treeSize !== undefined && `checkpoint of size ${treeSize}`]
      .filter(Boolean)
      .join(', ');
    console.error(`✗ ${kind}${where ? ` at ${where}` : ''}: ${detail}`);
    return 1;
  } finally {
    await opened.close();
  }
};
