import { readFileSync } from 'node:fs';
import { type LogVerification, openAuditedLog, verifyLog } from '@mandate-ledger/audit';
import { parseArguments, progressLine, storeConfigFrom, verifierKeyFor } from './verify-support';

const USAGE = 'usage: npm run cli -- verify [--checkpoint FILE]... [--key VKEY]';

/**
 * A checkpoint held outside the database: the signed note itself, or JSON that carries it (the
 * answer of `GET /audit/checkpoint`, or an evidence bundle).
 */
export const checkpointNoteIn = (text: string): string => {
  if (!text.trimStart().startsWith('{')) return text;
  const json = JSON.parse(text) as { note?: unknown; checkpoint?: { note?: unknown } };
  const note = json.note ?? json.checkpoint?.note;
  if (typeof note !== 'string') throw new Error('the JSON holds no checkpoint note (note or checkpoint.note)');
  return note;
};

const summaryOf = (result: LogVerification): string[] => [
  `✓ ${result.events.toLocaleString('en-US')} events match the ${result.sealed.toLocaleString('en-US')} sealed leaves` +
    ` (${(result.events - result.sealed).toLocaleString('en-US')} appended since, not sealed yet)`,
  `✓ ${result.checkpoints} stored checkpoints: signatures, roots and consistency`,
  ...(result.externalCheckpoints > 0 ? [`✓ the log extends the ${result.externalCheckpoints} checkpoints held outside the database`] : []),
  `root of the ${result.events.toLocaleString('en-US')} events: ${result.root.toString('hex')}`,
];

/**
 * `npm run cli -- verify`: recomputes every leaf and the tree from the stored events and checks
 * them, every checkpoint and the consistency between them; exits 1 naming the first position that
 * does not match. `--checkpoint FILE` (repeatable) adds checkpoints kept outside the database,
 * which the log must extend: the only way to detect a rollback and rewrite of the whole database.
 */
export const runVerify = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let parsed: ReturnType<typeof parseArguments>;
  try {
    parsed = parseArguments(args, ['key'], ['checkpoint']);
    if (parsed.positional.length > 0) throw new Error(`unexpected argument ${parsed.positional[0]}`);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const config = storeConfigFrom(env);
  const { verifier } = verifierKeyFor(env, config, parsed.options.key);
  const externalCheckpoints = parsed.lists.checkpoint.map((file) => checkpointNoteIn(readFileSync(file, 'utf8')));
  const opened = await openAuditedLog(config);
  const progress = progressLine('verify');
  try {
    const result = await verifyLog({
      log: opened.events,
      audit: opened.audit,
      verifier,
      externalCheckpoints,
      readFrom: opened.readFrom,
      onProgress: progress.update,
    });
    progress.end();
    if (!result.failure) {
      for (const line of summaryOf(result)) console.log(line);
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
