import { writeFileSync } from 'node:fs';
import { AuditError, buildEvidenceBundle } from '@mandate-ledger/audit';
import { mandateStreamName } from '@mandate-ledger/domain';
import { openSigningContext, sealAndCheckpoint } from './evidence-checkpoint.command';
import { parseArguments } from './verify-support';

const USAGE = 'usage: npm run cli -- evidence --mandate ID [--out FILE]';

/**
 * `npm run cli -- evidence --mandate ID`: writes an evidence bundle of every event of the mandate
 * (stored form), each with its inclusion proof in one signed checkpoint, and the log's public key:
 * what `verify-bundle` checks offline. Signs a checkpoint first if the latest does not cover them.
 */
export const runEvidence = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let mandateId: string;
  let out: string | undefined;
  try {
    const { options, positional } = parseArguments(args, ['mandate', 'out']);
    if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]}`);
    if (!options.mandate) throw new Error('--mandate is required');
    mandateId = options.mandate.toLowerCase();
    out = options.out;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const context = await openSigningContext(env);
  try {
    const stream = mandateStreamName(mandateId);
    const events = await context.opened.events.readStream(stream);
    if (events.length === 0) {
      console.error(`no mandate ${mandateId} in the log`);
      return 1;
    }
    await sealAndCheckpoint(context);
    const bundle = await buildEvidenceBundle(context.log, {
      subject: { kind: 'mandate', id: mandateId, completeStreams: [stream] },
      events,
      vkey: context.config.vkey,
    });
    const json = `${JSON.stringify(bundle, null, 2)}\n`;
    if (out) writeFileSync(out, json);
    else process.stdout.write(json);
    console.error(`evidence for mandate ${mandateId}: ${events.length} events proven in the checkpoint of size ${bundle.checkpoint.treeSize}${out ? `, written to ${out}` : ''}`);
    return 0;
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    console.error(`✗ ${error.code}: ${error.message}`);
    return 1;
  } finally {
    await context.opened.close();
  }
};
