import { writeFileSync } from 'node:fs';
import { type AuditConfig, auditConfigFrom, type AuditedLog, AuditLog, AuditSealer, openAuditedLog, type StoredCheckpoint } from '@mandate-ledger/audit';
import type { EventStoreConfig } from '@mandate-ledger/event-store';
import { parseArguments, storeConfigFrom } from './verify-support';

const USAGE = 'usage: npm run cli -- checkpoint [--out FILE]';

/** The stored log and tree with the signing key, as the server holds them. */
export interface SigningContext {
  readonly store: EventStoreConfig;
  readonly opened: AuditedLog;
  readonly config: AuditConfig;
  readonly log: AuditLog;
}

/** Opens the configured log and tree with the signing key (generated in the embedded default, as the server does). */
export const openSigningContext = async (env: NodeJS.ProcessEnv): Promise<SigningContext> => {
  const store = storeConfigFrom(env);
  const config = auditConfigFrom(env, store.dataDir, env.NODE_ENV === 'production');
  const opened = await openAuditedLog(store);
  return { store, opened, config, log: new AuditLog(opened.audit, { signer: config.signer }) };
};

/**
 * Seals what was appended (unless another process is the sealer: then what it sealed) and signs a
 * checkpoint if the tree grew. `undefined` while the log is empty.
 */
export const sealAndCheckpoint = async ({ opened, log }: SigningContext): Promise<{ checkpoint: StoredCheckpoint; created: boolean } | undefined> => {
  await new AuditSealer(opened.events, opened.audit).sealAvailable();
  return log.checkpoint();
};

/**
 * `npm run cli -- checkpoint`: signs a checkpoint now and prints its note, to publish or keep
 * outside the database (`verify --checkpoint FILE` later checks the log still extends it).
 */
export const runCheckpoint = async (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> => {
  let out: string | undefined;
  try {
    const { options, positional } = parseArguments(args, ['out']);
    if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]}`);
    out = options.out;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const context = await openSigningContext(env);
  try {
    const outcome = await sealAndCheckpoint(context);
    if (!outcome) {
      console.error('the log holds no event yet: nothing to sign');
      return 1;
    }
    const { checkpoint, created } = outcome;
    console.error(`${created ? 'signed' : 'the log has not grown since'} the checkpoint of ${context.config.origin} at tree size ${checkpoint.treeSize} (${checkpoint.signedAt})`);
    if (out) writeFileSync(out, checkpoint.note);
    else process.stdout.write(checkpoint.note);
    return 0;
  } finally {
    await context.opened.close();
  }
};
